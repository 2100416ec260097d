/** The placeholder vocabulary check: unknown names and old blanks fail, naming file and field. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/lib/node/load-content.ts';
import { ContentError } from '../../src/lib/content/problems.ts';
import { placeholderSchema } from '../../src/schemas/index.ts';
import {
  checkPlaceholders,
  checkVocabulary,
  findOldBlanks,
  findPlaceholders,
  placeholderUsage,
} from '../../src/lib/workbench/placeholders.ts';

const vocab = [
  placeholderSchema.parse({ name: '店名', label: '店铺名称', example: '小米官方旗舰店', scope: 'shop', aliases: ['店铺名'] }),
  placeholderSchema.parse({ name: '日期', label: '日期', example: '6 月 18 日' }),
];
const script = (reply: string, variants: string[] = []) => ({ id: 's1', file: 'content/scripts/x.yaml', reply, variants });

describe('findPlaceholders / findOldBlanks', () => {
  it('finds names in order, empty brackets too', () => {
    expect(findPlaceholders('欢迎光临【店名】，【日期】发货【】').map((m) => m.name)).toEqual(['店名', '日期', '']);
  });
  it('sees ××, 小×, XXX, ** but not 6×24 or XXL', () => {
    expect(findOldBlanks('我是××公司的小×')).toEqual(['×', '×', '×']);
    expect(findOldBlanks('欢迎光临 XXX 美容院')).toEqual(['XXX']);
    expect(findOldBlanks('**重要**')).toEqual(['**', '**']);
    expect(findOldBlanks('6×24 小时支持，XXL 码有货')).toEqual([]);
  });
});

describe('checkPlaceholders', () => {
  it('passes known names', () => {
    expect(checkPlaceholders({ scripts: [script('欢迎光临【店名】，【日期】发货')] }, vocab)).toEqual([]);
  });
  it('names file, field and the unknown placeholder; suggests the alias target', () => {
    const problems = checkPlaceholders({ scripts: [script('好的', ['欢迎光临【店铺名】', '【快递】发货'])] }, vocab);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatchObject({ file: 'content/scripts/x.yaml', field: 's1.variants[0]' });
    expect(problems[0]!.message).toContain('【店铺名】');
    expect(problems[0]!.message).toContain('请改为【店名】');
    expect(problems[1]!.message).toContain('【快递】');
  });
  it('rejects old blanks and 【50】 in scenario lines', () => {
    const scenarios = [
      { file: 'content/scenarios/a.yaml', opening: '你好', turns: [{ customer: ['在吗'], modelReplies: ['我是××，只剩【50】件'] }] },
    ];
    const problems = checkPlaceholders({ scripts: [], scenarios }, vocab);
    expect(problems.map((p) => p.field)).toEqual(['turns[0].modelReplies[0]', 'turns[0].modelReplies[0]']);
    expect(problems.map((p) => p.message).join()).toMatch(/【50】[\s\S]*旧式空白/);
  });
  it('counts usage per name in vocabulary order', () => {
    expect(placeholderUsage({ scripts: [script('【日期】【店名】【日期】')] }, vocab)).toEqual([
      { name: '店名', label: '店铺名称', count: 1 },
      { name: '日期', label: '日期', count: 2 },
    ]);
  });
  it('finds duplicate names and aliases in the vocabulary', () => {
    const dup = [...vocab, placeholderSchema.parse({ name: '店铺名', label: 'x', example: 'y' })];
    expect(checkVocabulary(dup)[0]!.message).toContain('店铺名');
  });
});

describe('the content and the build check', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('the real content uses only the vocabulary', () => {
    const site = loadContent('.');
    expect(site.placeholders?.length).toBeGreaterThan(10);
    expect(checkPlaceholders(site, site.placeholders ?? [])).toEqual([]);
  });

  it('loadContent fails on an unknown placeholder, naming file and field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sop-ph-'));
    dirs.push(dir);
    cpSync('tests/fixtures/site-min', dir, { recursive: true });
    writeFileSync(join(dir, 'content/placeholders.yaml'), readFileSync('content/placeholders.yaml', 'utf8'));
    const scripts = join(dir, 'content/scripts');
    const file = readFileSync(join(scripts, 'cancel-order.yaml'), 'utf8');
    writeFileSync(join(scripts, 'cancel-order.yaml'), file.replace(/reply: (.*)/, 'reply: $1【快递】'));
    try {
      loadContent(dir);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ContentError);
      const p = (e as ContentError).problems.find((x) => x.message.includes('【快递】'));
      expect(p?.file).toBe('content/scripts/cancel-order.yaml');
      expect(p?.field).toMatch(/\.reply$/);
    }
  });
});
