/**
 * Runs the project CLI (src/cli/sop.ts) in a child process, as a user would, with SOP_ROOT set.
 * The CLI runs .ts natively: it uses the project's Node 24 even when vitest runs under an older one.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const NODE = existsSync(join(REPO, 'node_modules/.bin/node')) ? join(REPO, 'node_modules/.bin/node') : process.execPath;

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `sop <args…>` from the project folder with the content at `root` ('' = the project's own;
 * undefined = whatever SOP_ROOT this process has).
 */
export function runSop(root: string | undefined, args: readonly string[], timeout = 20_000): CliRun {
  const env = root === undefined ? process.env : { ...process.env, SOP_ROOT: root };
  const r = spawnSync(NODE, ['src/cli/sop.ts', ...args], { cwd: REPO, env, encoding: 'utf8', timeout });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
