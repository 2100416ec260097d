/** `sop search`: JSON output, one array per line with --stdin, bad input never crashes. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const NODE = 'node_modules/.bin/node';
function sop(args: string[], input?: string) {
  const r = spawnSync(NODE, ['src/cli/sop.ts', 'search', ...args], {
    encoding: 'utf8',
    input,
    env: { ...process.env, SOP_ROOT: 'tests/fixtures/site-min' },
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('sop search', () => {
  it('--json prints an array of results, best first, with kind, id, title, url and the full text', () => {
    const r = sop(['--json', '我刚拍的不要了']);
    expect(r.status).toBe(0);
    const results = JSON.parse(r.stdout);
    expect(Array.isArray(results)).toBe(true);
    expect(results[0]).toMatchObject({ kind: 'script', id: 'cancel-unpaid', url: '/scripts/#cancel-unpaid' });
    for (const x of results) for (const k of ['kind', 'id', 'title', 'url', 'text']) expect(typeof x[k]).toBe('string');
    expect(results[0].text).toContain('关闭交易');
    for (let i = 1; i < results.length; i++) expect(results[i - 1].score).toBeGreaterThanOrEqual(results[i].score);
  }, 60_000);

  it('--json --stdin prints one array per input line, also for empty and hostile lines', () => {
    const lines = ['撤单', '', '<script>alert(1)</script>', '.*', '(', '😀', '取消訂單', 'x'.repeat(2000)];
    const r = sop(['--json', '--stdin'], lines.join('\n') + '\n');
    expect(r.status).toBe(0);
    const out = r.stdout.trimEnd().split('\n');
    expect(out).toHaveLength(lines.length);
    const arrays = out.map((l) => JSON.parse(l));
    for (const a of arrays) expect(Array.isArray(a)).toBe(true);
    expect(arrays[0].length).toBeGreaterThan(0);
    expect(arrays[1]).toEqual([]);
    expect(arrays[6].map((x: { id: string }) => x.id)).toContain('cancel-unpaid');
  }, 60_000);

  it('filters by kind and limits the count', () => {
    const r = sop(['--json', '--kind', 'workflow', '--limit', '1', '撤单']);
    const results = JSON.parse(r.stdout);
    expect(results).toHaveLength(1);
    expect(results[0].kind).toBe('workflow');
  }, 60_000);

  it('explains its usage when the query is missing', () => {
    const r = sop([]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('用法');
  }, 60_000);
});
