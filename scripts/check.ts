/**
 * `npm run check`: type-checks every file kind and never prompts.
 *   0. astro sync: the generated types (astro:content, .css imports) a fresh clone does not have yet;
 *   1. svelte-check: every .svelte, .svelte.ts and .ts file of tsconfig.json (full DOM + Node types);
 *   2. astro check: every .astro file (and the content collections' types);
 *   3. tsc -p tsconfig.lib.json: src/lib (without src/lib/node) and src/schemas with the ES library and
 *      the shared web-platform APIs only, so a DOM or Node global there is a type error.
 * All three run even when one fails, so one run lists every error; exits non-zero on any error.
 * `--root <dir>` checks another copy of the project (the tests plant errors in a temp copy).
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const rootArg = process.argv.indexOf('--root');
const root = rootArg > 0 ? resolve(process.argv[rootArg + 1] ?? '.') : process.cwd();
const bin = (name: string) => resolve(root, 'node_modules/.bin', name);

const steps: [string, string, string[]][] = [
  // Generates .astro/types.d.ts (astro:content, the .css imports): a fresh clone has none yet.
  ['astro sync (types of the content collections)', bin('astro'), ['sync']],
  ['svelte-check (.svelte, .ts)', bin('svelte-check'), ['--tsconfig', './tsconfig.json', '--output', 'human', '--fail-on-warnings']],
  ['astro check (.astro)', bin('astro'), ['check']],
  ['tsc src/lib without DOM/Node (tsconfig.lib.json)', bin('tsc'), ['-p', 'tsconfig.lib.json']],
];

const failed: string[] = [];
for (const [label, cmd, args] of steps) {
  console.log(`\n── ${label} ──`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, CI: 'true', ASTRO_TELEMETRY_DISABLED: '1' } });
  if (r.status !== 0) failed.push(label);
}
if (failed.length) {
  console.error(`\n类型检查未通过：${failed.join('；')}`);
  process.exit(1);
}
console.log('\n类型检查通过（.ts / .svelte / .astro / src/lib 无 DOM）。');
