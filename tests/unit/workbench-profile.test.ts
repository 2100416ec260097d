/** 我的店铺: filling replies, the profile file (bad files change nothing), favourites, phrase export. */
import { describe, expect, it } from 'vitest';
import { bracketed, fillReply } from '../../src/lib/workbench/fill.ts';
import {
  countCopy,
  emptyProfile,
  favouriteKeys,
  parseProfile,
  readStoredProfile,
  serializeProfile,
  togglePinned,
} from '../../src/lib/workbench/profile.ts';
import { buildPhrases, csvField, phrasesText, QIANNIU_HEADER, qianniuCsv } from '../../src/lib/workbench/phrases.ts';
import { WorkbenchState } from '../../src/components/workbench/workbench.svelte.ts';

const names = ['店名', '客服名', '快递公司', '电话'];

describe('fillReply', () => {
  it('fills known values, keeps and reports the rest', () => {
    const f = fillReply('欢迎光临【店名】，我是【客服名】，默认发【快递公司】，电话【电话】，【电话】', {
      店名: '小米旗舰店',
      客服名: ' ',
    });
    expect(f.text).toBe('欢迎光临小米旗舰店，我是【客服名】，默认发【快递公司】，电话【电话】，【电话】');
    expect(f.unfilled).toEqual(['客服名', '快递公司', '电话']);
    expect(f.unfilledCount).toBe(4);
    expect(bracketed(['快递', '电话'])).toBe('【快递】【电话】');
  });
  it('a value with brackets or markup is kept as text and not filled again', () => {
    const f = fillReply('【店名】【客服名】', { 店名: '<b>【客服名】</b>', 客服名: '小美' });
    expect(f.text).toBe('<b>【客服名】</b>小美');
    expect(f.segments[0]).toEqual({ text: '<b>【客服名】</b>', name: '店名', filled: true });
  });
  it('ignores inherited keys', () => {
    expect(fillReply('【constructor】', {}).unfilled).toEqual(['constructor']);
  });
});

describe('parseProfile', () => {
  it('reads a flat JSON object (BOM allowed) with favourites', () => {
    const r = parseProfile('\uFEFF{"店名":"小米","电话":"","$收藏":["a-b","c#2"],"$常用":{"a-b":3}}', names);
    expect(r).toEqual({ ok: true, profile: { values: { 店名: '小米' }, pinned: ['a-b', 'c#2'], copies: { 'a-b': 3 } } });
  });
  it.each([
    ['not JSON', '店名=小米', '不是有效的 JSON'],
    ['an array', '[1]', 'JSON 对象'],
    ['unknown keys', '{"店铺名":"x","快递":"y"}', '不认识的项：店铺名、快递'],
    ['a number value', '{"店名":1}', '应是文字'],
    ['10,000 characters', JSON.stringify({ 店名: 'x'.repeat(10_000) }), '超过 200 个字符'],
    ['bad favourites', '{"$收藏":"abc"}', '$收藏'],
    ['a huge file', ' '.repeat(70_000), '文件太大'],
  ])('rejects %s with a clear message', (_what, text, message) => {
    const r = parseProfile(text, names);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(message);
  });
  it('round-trips through serializeProfile', () => {
    const p = { values: { 电话: '400', 店名: '小米' }, pinned: ['x'], copies: { y: 2 } };
    const text = serializeProfile(p, names);
    expect(Object.keys(JSON.parse(text))).toEqual(['店名', '电话', '$收藏', '$常用']);
    expect(parseProfile(text, names)).toEqual({ ok: true, profile: p });
  });
  it('a damaged stored record reads as empty or keeps what is readable', () => {
    expect(readStoredProfile('{oops')).toEqual(emptyProfile());
    expect(readStoredProfile('{"店名":"小米","$收藏":5}').values).toEqual({ 店名: '小米' });
  });
});

describe('favourites', () => {
  it('pinned first, then most copied', () => {
    let p = emptyProfile();
    p = countCopy(countCopy(countCopy(p, 'a'), 'b'), 'b');
    p = togglePinned(p, 'c');
    expect(favouriteKeys(p)).toEqual(['c', 'b', 'a']);
    expect(favouriteKeys(togglePinned(p, 'c'))).toEqual(['b', 'a']);
  });
});

describe('phrases', () => {
  const sources = [
    { id: 'a', title: 'A', stage: '售前', workflowTitle: '接待', reply: '欢迎光临【店名】，"包邮"哦,\n还有问题吗' },
    { id: 'b', title: 'B', stage: '售前', workflowTitle: '接待', reply: '您好，我是【客服名】' },
    { id: 'c', title: 'C', stage: '售后', workflowTitle: '退款', reply: '好的' },
  ];
  it('writes the 千牛 CSV: BOM, exact header, RFC 4180 quoting, one row per phrase', () => {
    const s = buildPhrases(sources, { 店名: '小米' });
    expect(s.unfilled).toBe(1);
    expect(s.unfilledNames).toEqual(['客服名']);
    const csv = qianniuCsv(s.phrases);
    expect(csv.startsWith('\uFEFF' + QIANNIU_HEADER + '\r\n')).toBe(true);
    expect(csv).toContain('sq1,"欢迎光临小米，""包邮""哦,\n还有问题吗",售前\r\n');
    expect(csv).toContain('sq2,您好，我是【客服名】,售前\r\n');
    expect(csv).toContain('sh1,好的,售后\r\n');
    expect(csvField('a,b')).toBe('"a,b"');
  });
  it('groups by workflow and lists plain text', () => {
    const s = buildPhrases(sources, {}, 'workflow');
    expect(s.phrases.map((p) => p.group)).toEqual(['接待', '接待', '退款']);
    expect(phrasesText(s.phrases)).toContain('# 退款\n\nsh1\n好的');
  });
});

describe('WorkbenchState', () => {
  const vocabulary = names.map((name) => ({ name, label: name, example: 'x', scope: 'shop' as const }));
  const memory = () => {
    const m = new Map<string, string>();
    return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
  };
  const make = (storage = memory()) => {
    const downloads: { name: string; text: string }[] = [];
    const state = new WorkbenchState({
      vocabulary,
      storage,
      loadReplies: async () => ({
        replies: [{ id: 'a', title: 'A', stage: '售前', workflowTitle: '接待', reply: '我是【客服名】，【电话】', variants: ['【店名】'] }],
      }),
      download: (name, text) => void downloads.push({ name, text }),
    });
    return { state, downloads, storage };
  };

  it('keeps values and pins across a reload (same storage)', async () => {
    const { state, storage } = make();
    state.setValue('客服名', '小美');
    state.togglePin('a#1');
    const again = make(storage).state;
    await again.load();
    expect(again.profile.values).toEqual({ 客服名: '小美' });
    expect(again.favourites.map((f) => [f.key, f.filled.text])).toEqual([['a#1', '【店名】']]);
  });
  it('a bad import changes nothing and says why; a good one replaces the values', () => {
    const { state } = make();
    state.setValue('店名', '小米');
    expect(state.importProfile('x.json', '{"快递":"顺丰"}')).toBe(false);
    expect(state.notice?.text).toContain('没有导入 “x.json”');
    expect(state.profile.values).toEqual({ 店名: '小米' });
    expect(state.importProfile('y.json', '{"电话":"400"}')).toBe(true);
    expect(state.profile.values).toEqual({ 电话: '400' });
  });
  it('exports the profile and the phrases', async () => {
    const { state, downloads } = make();
    await state.load();
    state.setValue('电话', '400');
    state.exportProfile();
    state.exportPhrases('qianniu', 'all');
    expect(JSON.parse(downloads[0]!.text)).toEqual({ 电话: '400' });
    expect(downloads[1]!.text).toContain('sq1,我是【客服名】，400,售前');
    expect(state.notice?.text).toContain('1 处占位符未填写');
  });
});
