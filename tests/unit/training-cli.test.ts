/**
 * `sop regrade [--json] <files…>` (src/cli/commands/regrade.ts): the same import and re-grade as
 * the dashboard, on the project's content. Clean files exit 0; an edited score is flagged and
 * exits 1; refused files name the file and the problem on stderr.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeAttempt, makeFile, quiz, text } from './training-helpers.ts';
import { rightAnswers } from './quiz-helpers.ts';
import { runSop } from './cli-helpers.ts';

const tmp = mkdtempSync(join(tmpdir(), 'regrade-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const sop = (...args: string[]) => runSop('', args, 30_000);

function write(name: string, content: string): string {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
}

describe('sop regrade', () => {
  it('prints the re-graded results of clean files and exits 0', () => {
    const a = write('zhang.json', text(makeFile()));
    const r = sop('regrade', '--json', a);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.siteVersion).toMatch(/^[0-9a-f]{8}$/);
    expect(out.files[0]).toMatchObject({ file: a, ok: true, trainee: { name: '张三' }, flags: [] });
    expect(
      out.files[0].items.map((i: { itemId: string; score: number; mismatch: boolean; counted: boolean }) => [
        i.itemId,
        i.counted,
        i.mismatch,
      ]),
    ).toEqual([
      ['cancel-order', true, false],
      ['bargain-repeat', true, false],
    ]);
    expect(out.trainees).toEqual([expect.objectContaining({ name: '张三', assigned: 2, done: 2, passed: true, flagged: false })]);
  });

  it('flags an edited score, refuses broken files with their names, exits 1', () => {
    const q = quiz('cancel-order');
    const answers = rightAnswers(q);
    delete answers[q.questions[0]!.id];
    delete answers[q.questions[1]!.id];
    const attempt = makeAttempt(q, { answers });
    attempt.result = { ...attempt.result!, percent: 100, score: attempt.result!.max, grade: 'A', passed: true };
    const edited = write('li.json', text(makeFile({ name: '李四', attempts: [attempt], chats: [] })));
    const notJson = write('notes.json', '这不是 JSON');
    const missing = join(tmp, 'missing.json');
    const r = sop('regrade', '--json', edited, notJson, missing);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    const item = out.files[0].items[0];
    expect(item).toMatchObject({ itemId: 'cancel-order', mismatch: true, stored: { score: 100, grade: 'A' } });
    expect(item.score).toBeLessThan(100);
    expect(item.flags[0].message).toMatch(/文件里记录的成绩是 100%/);
    expect(out.files.slice(1)).toEqual([
      { file: notJson, ok: false, problems: [{ level: 'error', message: expect.stringMatching(/不是 JSON 文件/) }] },
      { file: missing, ok: false, problems: [{ level: 'error', message: '无法读取文件：文件不存在' }] },
    ]);
    expect(r.stderr).toContain(`${notJson}：不是 JSON 文件`);
    expect(r.stderr).toContain(`${missing}：无法读取文件：文件不存在`);
  });

  it('the text summary names the trainee and marks the mismatch; usage error exits 2', () => {
    const attempt = makeAttempt(quiz('cancel-order'));
    attempt.result = { ...attempt.result!, percent: 99, grade: 'A' };
    const f = write('wang.json', text(makeFile({ name: '王五', attempts: [attempt], chats: [] })));
    const r = sop('regrade', f);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/wang\.json：王五/);
    expect(r.stdout).toMatch(/✗ 测验 cancel-order {2}100（A），文件记录 99/);
    expect(sop('regrade').code).toBe(2);
  });

  it('reads a text of pasted 成绩码 (a WeChat chat log) as the result files it holds, and names a broken code', async () => {
    const { encodeResultCode } = await import('../../src/lib/training/result-code.ts');
    const code = await encodeResultCode(makeFile({ name: '王五', device: 'wangwu000001' }));
    const chatLog = `王五 10:02\n老师，这是我的成绩码：${code}\n\n赵六 10:05\n${code.slice(0, 60)}x${code.slice(61)}\n`;
    const path = write('wechat-codes.txt', chatLog);
    const r = sop('regrade', '--json', path);
    const out = JSON.parse(r.stdout) as { trainees: Array<{ name: string }>; files: Array<{ file: string; ok: boolean }> };
    expect(out.trainees.map((t) => t.name)).toEqual(['王五']);
    expect(out.files.filter((f) => !f.ok).length).toBe(1);
  });
});
