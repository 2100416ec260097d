/**
 * The checks catch mistakes: errors planted in a temp copy of the project make `npm run check`
 * (scripts/check.ts) and `npm run lint` (ESLint + Prettier) fail, naming the file. Covers a type
 * error in a Svelte component, an Astro page and a TypeScript module; a DOM global in src/lib; and
 * the layer boundaries of ARCHITECTURE.md (src/lib importing node:/Svelte/components/i18n, schemas
 * importing src/lib, a Chinese UI literal in a view), and a formatting error.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const here = resolve('.');
const work = mkdtempSync(join(tmpdir(), 'sop-checks-'));
const root = join(work, 'project');
afterAll(() => rmSync(work, { recursive: true, force: true }));

const copied = [
  'src',
  'content',
  'quizzes',
  'public',
  'astro.config.mjs',
  'tsconfig.json',
  'tsconfig.lib.json',
  'eslint.config.js',
  '.prettierrc.json',
  '.prettierignore',
  'package.json',
];

function plant(file: string, change: (t: string) => string) {
  const path = join(root, file);
  writeFileSync(path, change(readFileSync(path, 'utf8')));
}
function add(file: string, text: string) {
  writeFileSync(join(root, file), text);
}
const run = (cmd: string, args: string[]) => {
  const r = spawnSync(cmd, args, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    timeout: 300_000,
  });
  return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
};

beforeAll(() => {
  for (const p of copied) cpSync(join(here, p), join(root, p), { recursive: true });
  symlinkSync(join(here, 'node_modules'), join(root, 'node_modules'), 'dir');
});

describe('npm run check on planted type errors', () => {
  it('fails and names the Svelte component, the Astro page, the TS module and the DOM use in src/lib', () => {
    plant('src/components/chat/ChatReport.svelte', (t) =>
      t.replace('<script lang="ts">', '<script lang="ts">\n  const plantedSvelte: number = "not a number";\n  void plantedSvelte;'),
    );
    plant('src/pages/standards.astro', (t) =>
      t.replace('---\n', '---\nconst plantedAstro: number = "not a number";\nvoid plantedAstro;\n'),
    );
    plant('src/lib/grade-bands.ts', (t) => `${t}\nexport const plantedTs: number = 'not a number';\n`);
    plant('src/lib/urls.ts', (t) => `${t}\nexport const plantedDom = () => document.title;\n`);
    const r = run(join(here, 'node_modules/.bin/node'), [join(here, 'scripts/check.ts'), '--root', root]);
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('ChatReport.svelte');
    expect(r.output).toContain('standards.astro');
    expect(r.output).toContain('grade-bands.ts');
    expect(r.output).toMatch(/urls\.ts[\s\S]*Cannot find name 'document'/);
  }, 400_000);
});

describe('npm run lint on planted boundary and style errors', () => {
  it('ESLint fails on each wrong import, DOM global and Chinese literal in a view', () => {
    add('src/lib/planted-node.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n");
    add('src/lib/planted-svelte.ts', "import { tick } from 'svelte';\nexport const b = tick;\n");
    add('src/lib/planted-ui.ts', "import { ui } from '../i18n/zh-CN.ts';\nexport const c = ui;\n");
    add('src/lib/planted-component.ts', "import { download } from '../components/state/download.ts';\nexport const d = download;\n");
    add('src/lib/planted-dom.ts', 'export const e = () => localStorage.length;\n');
    add('src/schemas/planted-circle.ts', "import { urls } from '../lib/urls.ts';\nexport const f = urls;\n");
    add('src/components/Planted.svelte', '<p>你好，新同事</p>\n');
    add('src/components/PlantedAttr.astro', '<nav aria-label="主导航"></nav>\n');
    add('src/components/PlantedText.astro', '<p>欢迎光临</p>\n');
    const r = run(join(here, 'node_modules/.bin/eslint'), ['src']);
    expect(r.status).not.toBe(0);
    for (const f of [
      'planted-node.ts',
      'planted-svelte.ts',
      'planted-ui.ts',
      'planted-component.ts',
      'planted-dom.ts',
      'planted-circle.ts',
      'Planted.svelte',
      'PlantedAttr.astro',
      'PlantedText.astro',
    ])
      expect(r.output, f).toMatch(new RegExp(`${f.replace('.', '\\.')}\\n\\s+\\d+:\\d+\\s+error`));
    expect(r.output).toContain('src/i18n');
  }, 120_000);

  it('Prettier fails on a badly formatted file', () => {
    add('src/lib/planted-format.ts', 'export   const   g   =   {a:1,b:2}\n');
    const r = run(join(here, 'node_modules/.bin/prettier'), ['--check', 'src/lib/planted-format.ts']);
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('planted-format.ts');
  }, 60_000);
});
