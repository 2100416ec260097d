/**
 * A real Learning Record Store for the tests and benchmarks: Learning Locker's statement service
 * (npm `xapi-statements` 5.0.1, GPL-3.0), installed only here in tests/lrs/ with its own lockfile
 * (never in the root lockfile, never shipped). ensureLrs() installs it when missing (`npm ci` in
 * this folder); startLrs() runs it on 127.0.0.1 on a free port with everything in memory, waits
 * until it answers, and returns its xAPI endpoint and a stop function.
 *
 * Credentials of its test auth repo (dist/repo/authRepo/getClient/fake.js): any Authorization
 * value is the all-scopes test client, except `Basic missing_token` (401 Unauthorised) and
 * `invalid_scope_client` (403 Forbidden).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const serverJs = join(here, 'node_modules/xapi-statements/dist/server.js');

/** Any value works with the test auth repo; this one looks like a real key. */
export const LRS_AUTH = `Basic ${Buffer.from('sop-test:secret').toString('base64')}`;
/** The test auth repo answers 401 to exactly this value. */
export const LRS_BAD_AUTH = 'Basic missing_token';

/** Installs the test LRS (tests/lrs/node_modules) when it is missing. Throws with npm's output on failure. */
export function ensureLrs(): void {
  if (existsSync(serverJs)) return;
  console.log('安装测试用学习记录服务器 (tests/lrs: npm ci, about 160 MB, once)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['ci', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], {
    cwd: here,
    stdio: 'inherit',
  });
  if (r.status !== 0 || !existsSync(serverJs)) throw new Error(`tests/lrs: npm ci failed (${r.status ?? r.error?.message})`);
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

export interface RunningLrs {
  port: number;
  /** e.g. http://127.0.0.1:41234/xAPI (statements at <endpoint>/statements). */
  endpoint: string;
  auth: string;
  stop(): Promise<void>;
}

/** Starts a fresh, empty LRS in memory on 127.0.0.1; resolves once it answers /xAPI/about. */
export async function startLrs(options: { timeoutMs?: number; log?: boolean } = {}): Promise<RunningLrs> {
  ensureLrs();
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', pathToFileURL(join(here, 'bind-localhost.mjs')).href, serverJs], {
    cwd: here,
    env: {
      ...process.env,
      AUTH_REPO: 'test',
      MODELS_REPO: 'memory',
      STORAGE_REPO: 'memory',
      EVENTS_REPO: 'test',
      EXPRESS_PORT: String(port),
      WINSTON_CONSOLE_LEVEL: options.log ? 'info' : 'error',
      NODE_NO_WARNINGS: '1',
    },
    stdio: ['ignore', options.log ? 'inherit' : 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  // Never leave the LRS running when the process that started it ends.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const endpoint = `http://127.0.0.1:${port}/xAPI`;
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`test LRS exited (${child.exitCode}): ${stderr}`);
    try {
      const res = await fetch(`${endpoint}/about`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`test LRS did not answer on ${endpoint} within ${options.timeoutMs ?? 60_000} ms: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    port,
    endpoint,
    auth: LRS_AUTH,
    async stop() {
      process.off('exit', killOnExit);
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), 3000);
        await exited;
        clearTimeout(t);
      }
    },
  };
}

// `node tests/lrs/lrs-server.ts`: install (when missing), start, print the endpoint, run until Ctrl-C.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const lrs = await startLrs({ log: true });
  console.log(`LRS: ${lrs.endpoint}  (Authorization: ${lrs.auth})`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void lrs.stop().then(() => process.exit(0)));
}
