/**
 * Real `astro build`s of small fixture sites: broken content fails the build with the file, the
 * field/line and the problem; without a browser the build still succeeds and falls back.
 * Runs in sequence (one build at a time), each into its own output and cache folders.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const work = mkdtempSync(join(tmpdir(), 'sop-build-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function build(name: string, edit?: { file: string; change: (t: string) => string }, env: Record<string, string> = {}) {
  const root = join(work, name);
  cpSync('tests/fixtures/site-min', root, { recursive: true });
  if (edit) writeFileSync(join(root, edit.file), edit.change(readFileSync(join(root, edit.file), 'utf8')));
  const out = join(work, `${name}-dist`);
  const r = spawnSync('node_modules/.bin/astro', ['build'], {
    encoding: 'utf8',
    env: { ...process.env, SOP_ROOT: root, SOP_OUT_DIR: out, SOP_CACHE_DIR: join(work, `${name}-cache`), FORCE_COLOR: '0', ...env },
    timeout: 120_000,
  });
  return { status: r.status, output: `${r.stdout}\n${r.stderr}`, out };
}

describe('astro build of fixture sites', () => {
  it('fails on a Mermaid syntax error, naming the file and the line', () => {
    const r = build('bad-mermaid', {
      file: 'content/workflows/cancel-order.mdx',
      change: (t) =>
        t.replace(
          '    found -->|找到| cancel-done[撤单成功，写备注]',
          '    found -->|找到| cancel-done[撤单成功，写备注\n    broken --> (((',
        ),
    });
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('流程图语法错误');
    // The inserted broken line is line 8 of the diagram, which starts on line 10 of the file.
    expect(r.output).toContain('content/workflows/cancel-order.mdx:17 → diagram 第 8 行');
    expect(r.output).toContain('Parse error');
  }, 120_000);

  it('fails on an unknown reference, naming the file, the field and the id', () => {
    const r = build('bad-ref', {
      file: 'content/scripts/cancel-order.yaml',
      change: (t) => t.replace('standards: [polite-phrases]', 'standards: [polite-phrase]'),
    });
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('content/scripts/cancel-order.yaml → cancel-unpaid.standards[0]: 未知的标准 id “polite-phrase”');
  }, 120_000);

  it('fails on a missing required field, naming the file and the field', () => {
    const r = build('missing-field', {
      file: 'content/scripts/cancel-order.yaml',
      change: (t) => t.replace(/\n {2}situation: .*\n/, '\n'),
    });
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('content/scripts/cancel-order.yaml → [0] cancel-unpaid.situation');
  }, 120_000);

  it('succeeds without a browser, warns how to get one, and renders diagrams on the client', () => {
    const r = build('no-browser', undefined, { SOP_CHROMIUM: 'none' });
    expect(r.status).toBe(0);
    expect(r.output).toContain('找不到 Chromium 浏览器');
    expect(r.output).toContain('apt-get install -y chromium fonts-noto-cjk');
    const html = readFileSync(join(r.out, 'workflows/cancel-order/index.html'), 'utf8');
    expect(html).toContain('data-mermaid');
    expect(html).toMatch(/<script type="module" src="\/_astro\/MermaidClient[^"]*\.js">|MermaidClient/);
    expect(existsSync(join(r.out, 'index.html'))).toBe(true);
  }, 120_000);
});
