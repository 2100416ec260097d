/** The content model and the cross-reference check, fed broken fixtures. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/lib/node/load-content.ts';
import { ContentError, type ContentProblem } from '../../src/lib/content/problems.ts';
import { scriptSchema, standardSchema, workflowSchema } from '../../src/schemas/index.ts';

const FIXTURE = 'tests/fixtures/site-min';
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A copy of the minimal fixture site with `edit` applied to one file. */
function siteWith(file: string, edit: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'sop-content-'));
  dirs.push(dir);
  cpSync(FIXTURE, dir, { recursive: true });
  const path = join(dir, file);
  writeFileSync(path, edit(readFileSync(path, 'utf8')));
  return dir;
}

function problemsOf(root: string): ContentProblem[] {
  try {
    loadContent(root);
  } catch (err) {
    if (err instanceof ContentError) return err.problems;
    throw err;
  }
  return [];
}

describe('the fixture site', () => {
  it('is valid', () => {
    const site = loadContent(FIXTURE);
    expect(site.workflows.map((w) => w.id)).toEqual(['cancel-order']);
    expect(site.scripts).toHaveLength(1);
  });
});

describe('broken content names the file, the field and the bad id', () => {
  it('unknown standard id in a step', () => {
    const root = siteWith('content/workflows/cancel-order.mdx', (t) =>
      t.replace('standards: [reply-response-time]', 'standards: [reply-time-typo]'),
    );
    expect(problemsOf(root)).toContainEqual({
      file: 'content/workflows/cancel-order.mdx',
      field: 'steps[0].standards[0]',
      message: '未知的标准 id “reply-time-typo”',
    });
  });

  it('unknown track', () => {
    const root = siteWith('content/workflows/cancel-order.mdx', (t) => t.replace('track: ecommerce', 'track: nowhere'));
    expect(problemsOf(root)).toContainEqual(
      expect.objectContaining({ file: 'content/workflows/cancel-order.mdx', field: 'track', message: expect.stringContaining('nowhere') }),
    );
  });

  it('script pointing at a step the workflow does not have', () => {
    const root = siteWith('content/scripts/cancel-order.yaml', (t) => t.replace('step: unpaid', 'step: no-such-step'));
    expect(problemsOf(root)).toContainEqual({
      file: 'content/scripts/cancel-order.yaml',
      field: 'cancel-unpaid.step',
      message: '流程 “cancel-order” 中没有步骤 “no-such-step”',
    });
  });

  it('missing required field in a script', () => {
    const root = siteWith('content/scripts/cancel-order.yaml', (t) => t.replace(/\n {2}reply: .*\n/, '\n'));
    const problems = problemsOf(root);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'content/scripts/cancel-order.yaml', field: '[0] cancel-unpaid.reply' });
  });

  it('missing field in workflow frontmatter', () => {
    const root = siteWith('content/workflows/cancel-order.mdx', (t) => t.replace(/^summary: .*\n/m, ''));
    expect(problemsOf(root)).toContainEqual(expect.objectContaining({ file: 'content/workflows/cancel-order.mdx', field: 'summary' }));
  });

  it('a step that is not in the flowchart', () => {
    const root = siteWith('content/workflows/cancel-order.mdx', (t) =>
      t.replace('    unpaid --> reply[把结果告诉顾客]\n', '').replace('unpaid[请顾客自己关闭交易]', 'unpaid2[请顾客自己关闭交易]'),
    );
    expect(problemsOf(root)).toContainEqual(
      expect.objectContaining({ field: 'steps[2].id', message: expect.stringContaining('“unpaid” 没有出现在流程图') }),
    );
  });

  it('YAML syntax error gives the line', () => {
    const root = siteWith('content/standards/core.yaml', (t) => t.replace('  name: 礼貌用语', '  name: [礼貌用语'));
    const [problem] = problemsOf(root);
    expect(problem?.file).toBe('content/standards/core.yaml');
    expect(problem?.message).toMatch(/YAML 语法错误（第 \d+ 行）/);
  });

  it('duplicate ids across files', () => {
    const root = siteWith('content/scripts/cancel-order.yaml', (t) => t + t.replace(/^/, ''));
    expect(problemsOf(root)).toContainEqual(
      expect.objectContaining({ field: 'id', message: expect.stringContaining('“cancel-unpaid” 重复') }),
    );
  });

  it('bad id format', () => {
    const root = siteWith('content/scripts/cancel-order.yaml', (t) => t.replace('id: cancel-unpaid', 'id: Cancel_Unpaid'));
    expect(problemsOf(root)).toContainEqual(
      expect.objectContaining({ field: '[0] Cancel_Unpaid.id', message: expect.stringContaining('小写字母') }),
    );
  });
});

describe('schemas', () => {
  it('fill defaults and reject empty text', () => {
    const s = scriptSchema.parse({ id: 'a', title: 't', workflow: 'w', step: 's', stage: '售前', situation: 'x', reply: '您好' });
    expect(s.variants).toEqual([]);
    expect(scriptSchema.safeParse({ ...s, reply: '   ' }).success).toBe(false);
  });
  it('a threshold needs min or max', () => {
    const base = { id: 'x', name: 'n', category: '时效', rule: 'r', workflows: ['w'] };
    expect(standardSchema.safeParse({ ...base, threshold: { unit: '秒' } }).success).toBe(false);
    expect(standardSchema.safeParse({ ...base, threshold: { max: 15, unit: '秒' } }).success).toBe(true);
  });
  it('a workflow needs at least two steps and a stage from the list', () => {
    const w = {
      title: 't',
      track: 'a',
      order: 1,
      stage: '售前',
      roles: ['r'],
      summary: 's',
      diagram: 'flowchart TD',
      steps: [{ id: 'a', title: 'a', body: 'b' }],
    };
    expect(workflowSchema.safeParse(w).success).toBe(false);
    expect(workflowSchema.safeParse({ ...w, stage: '售前售后', steps: [...w.steps, { id: 'b', title: 'b', body: 'b' }] }).success).toBe(
      false,
    );
  });
});

describe('Mermaid keywords as step ids', () => {
  it('are refused before Mermaid fails on them', () => {
    const root = siteWith('content/workflows/cancel-order.mdx', (t) => t.replaceAll('unpaid', 'class'));
    expect(problemsOf(root)).toContainEqual(expect.objectContaining({ field: 'steps[2].id', message: expect.stringContaining('保留字') }));
  });
});
