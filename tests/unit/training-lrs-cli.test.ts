/**
 * `sop send-results` and `sop results` against the real LRS (tests/lrs): files sent as the browser
 * sends them (twice: nothing new), then read back, re-graded and listed per trainee of the link's
 * name list (the one with nothing yet: not-started); bad credentials and addresses in plain words.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LRS_BAD_AUTH } from '../lrs/lrs-server.ts';
import { encodeAssignment } from '../../src/lib/training/assignment.ts';
import { makeAssignment, makeAttempt, makeFile, quiz, text } from './training-helpers.ts';
import { useLrs } from './lrs-helpers.ts';
import { NODE, REPO } from './cli-helpers.ts';
import { spawn } from 'node:child_process';

const tmp = mkdtempSync(join(tmpdir(), 'lrs-cli-'));
const lrs = useLrs();
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Runs the CLI without blocking this process (the LRS answers from a child process, but keep the loop free). */
function sop(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((ok) => {
    const p = spawn(NODE, ['src/cli/sop.ts', ...args], { cwd: REPO, env: { ...process.env, SOP_SITE: 'https://sop.example.com' } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('close', (code) => ok({ code, stdout, stderr }));
  });
}

const write = (name: string, content: string) => {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
};

async function count(): Promise<number> {
  const res = await fetch(`${lrs.endpoint}/statements?limit=1000`, {
    headers: { Authorization: lrs.auth, 'X-Experience-API-Version': '1.0.3' },
  });
  return ((await res.json()) as { statements: unknown[] }).statements.length;
}

describe('sop send-results / sop results', () => {
  const a = makeAssignment({ id: 'clisend001', due: '2099-12-31', trainees: ['张三', '李四', '王五'] });
  const zhang = () => write('zhang.json', text(makeFile({ assignment: a, name: '张三', device: 'dev0000000001' })));
  const li = () =>
    write(
      'li.json',
      text(
        makeFile({
          assignment: a,
          name: '李四',
          device: 'dev0000000002',
          attempts: [makeAttempt(quiz('cancel-order'), { answers: {} })],
          chats: [],
        }),
      ),
    );

  it('sends the statements of result files; sending again creates nothing new', async () => {
    const files = [zhang(), li()];
    const first = await sop('send-results', '--endpoint', lrs.endpoint, '--auth', lrs.auth, '--json', ...files);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const out = JSON.parse(first.stdout);
    expect(out.files.map((f: { ok: boolean; statements: number }) => [f.ok, f.statements])).toEqual([
      [true, 3],
      [true, 1],
    ]);
    const n = await count();
    expect(n).toBe(4);
    const again = await sop('send-results', '--endpoint', lrs.endpoint, '--auth', lrs.auth, '--json', ...files);
    expect(again.code).toBe(0);
    expect(await count()).toBe(n);
  }, 60_000);

  it('results: one row per listed trainee, re-graded, with status and items; link or bare code', async () => {
    const link = `https://sop.example.com/my/?a=${encodeAssignment(a)}`;
    for (const target of [link, encodeAssignment(a)]) {
      const r = await sop('results', '--endpoint', lrs.endpoint, '--auth', lrs.auth, '--assignment', target, '--json');
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(
        out.trainees.map((t: { name: string; status: string; done: number; passed: boolean; flagged: boolean }) => [
          t.name,
          t.status,
          t.done,
          t.passed,
          t.flagged,
        ]),
      ).toEqual([
        ['张三', 'passed', 2, true, false],
        ['李四', 'in-progress', 1, false, false],
        ['王五', 'not-started', 0, false, false],
      ]);
      const row = out.trainees[0];
      expect(row).toMatchObject({ group: a.group, assignment: a.id, assigned: 2, grade: expect.any(String), score: expect.any(Number) });
      expect(row.items.map((i: { id: string; attempts: number }) => [i.id, i.attempts])).toEqual([
        ['cancel-order', 1],
        ['bargain-repeat', 1],
      ]);
      expect(out.sync).toMatchObject({ ok: true, statements: 4 });
    }
  }, 60_000);

  it('a refused credential, a wrong address and usage errors are named', async () => {
    const bad = await sop('results', '--endpoint', lrs.endpoint, '--auth', LRS_BAD_AUTH, '--assignment', encodeAssignment(a), '--json');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('HTTP 401');
    expect(JSON.parse(bad.stdout).trainees).toHaveLength(3);
    const sendBad = await sop('send-results', '--endpoint', lrs.endpoint, '--auth', LRS_BAD_AUTH, zhang());
    expect(sendBad.code).toBe(1);
    expect(sendBad.stdout).toContain('HTTP 401');
    const usage = await sop('results', '--endpoint', 'lrs.example.com', '--auth', 'x', '--assignment', 'x');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('不是网址');
    const link = await sop('results', '--endpoint', lrs.endpoint, '--auth', 'x', '--assignment', '1.abc.00000000');
    expect(link.code).toBe(2);
    expect(link.stderr).toContain('--assignment');
  }, 60_000);
});
