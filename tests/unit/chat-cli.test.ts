import { describe, expect, it } from 'vitest';
import { FIXTURE_ROOT } from './chat-helpers.ts';
import { runSop } from './cli-helpers.ts';

const REPLIES = 'tests/fixtures/chat-site/replies';
const sop = (...args: string[]) => runSop(FIXTURE_ROOT, args);

describe('sop scenarios', () => {
  it('--json lists id, title, tags and standards', () => {
    const r = sop('scenarios', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      { id: 'bargain-mini', title: '反复砍价（测试）', tags: ['议价', '测试'], standards: ['discount-authority'] },
    ]);
  });
  it('prints a readable list without --json', () => {
    const r = sop('scenarios');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('bargain-mini');
  });
});

describe('sop score-chat', () => {
  it('--json prints score, grade, ending, findings and transcript', () => {
    const r = sop('score-chat', '--json', '--scenario', 'bargain-mini', '--replies', `${REPLIES}/good.json`);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['score', 'grade', 'ending', 'findings', 'transcript']);
    expect(out).toMatchObject({ score: 100, grade: 'A', ending: { id: 'deal', kind: 'satisfied' } });
    expect(Object.keys(out.findings[0])).toEqual(['standard', 'passed', 'turn', 'message', 'evidence']);
    expect(out.transcript[0]).toEqual({ from: 'customer', text: '这个包能便宜点不？', atMs: 0, turn: 'ask' });
    expect(out.transcript.at(-1)).toMatchObject({ from: 'agent', text: '谢谢您的支持！我们24小时内发货，再见！', atMs: 154000 });
  });

  it('explains a poor chat: failed findings with evidence, problems on the messages', () => {
    const r = sop('score-chat', '--json', '--scenario', 'bargain-mini', '--replies', `${REPLIES}/poor.json`);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.grade).toBe('F');
    expect(out.ending.id).toBe('overpromised');
    expect(out.findings).toContainEqual({
      standard: 'discount-authority',
      passed: false,
      turn: 'ask',
      message: '答应优惠约 30 元，超过客服 20 元的权限；应先请示主管',
      evidence: '你要的话给你便宜30块',
    });
    expect(out.findings).toContainEqual(expect.objectContaining({ standard: 'first-response-time', passed: false, evidence: '30 秒' }));
    const offer = out.transcript.find((t: { text: string }) => t.text === '你要的话给你便宜30块');
    expect(offer.problems).toEqual(expect.arrayContaining(['称呼顾客用了“你”，应始终用“您”']));
  });

  it('prints a summary without --json', () => {
    const r = sop('score-chat', '--scenario', 'bargain-mini', '--replies', `${REPLIES}/poor.json`);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('等级 F');
    expect(r.stdout).toContain('✗ [discount-authority]');
  });

  it.each([
    ['broken-json.json', '不是合法的 JSON'],
    ['no-replies.json', 'replies: 缺少 replies 列表'],
    ['missing.json', '文件不存在'],
  ])('a bad replies file (%s) gives a clear error naming the file, exit 1', (file, message) => {
    const r = sop('score-chat', '--json', '--scenario', 'bargain-mini', '--replies', `${REPLIES}/${file}`);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${REPLIES}/${file}`);
    expect(r.stderr).toContain(message);
  });

  it('lists every bad item with its field', () => {
    const r = sop('score-chat', '--scenario', 'bargain-mini', '--replies', `${REPLIES}/bad-items.json`);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('5 处问题');
    for (const field of ['replies[1].text', 'replies[1].afterMs', 'replies[2].text', 'replies[2].afterMs', 'replies[3]']) {
      expect(r.stderr).toContain(`${REPLIES}/bad-items.json → ${field}:`);
    }
  });

  it('an unknown scenario exits 1 and lists the known ones; missing options exit 2', () => {
    const unknown = sop('score-chat', '--scenario', 'nope', '--replies', `${REPLIES}/good.json`);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('没有聊天场景 “nope”（现有：bargain-mini）');
    const usage = sop('score-chat', '--scenario', 'bargain-mini');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('用法');
  });
});
