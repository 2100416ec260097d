/**
 * `npm run bench:results`: figures for results that arrive through an LRS (prints, never asserts).
 *
 * For 30 trainees × 4 items and 2,000 trainees × 4 items (2 quizzes, 2 chats, made with the real
 * engines): the statements the browser sends (xapi.ts resultFileStatements) are stored in the real
 * LRS (tests/lrs, Learning Locker's xapi-statements in memory on 127.0.0.1), then
 *   - dashboard: pulled (lrs-client.ts, following `more`) and re-graded with the dashboard's code
 *     (statementsToImports → regradeImports → traineeRows → rosterRows), in a fresh Node process;
 *   - CLI: `sop results --json` in a fresh process;
 * each with wall time and peak memory (max RSS). Sizes: SIZES=30,2000 (default).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startLrs } from '../tests/lrs/lrs-server.ts';
import { grading, makeAssignment, makeAttempt, makeChat, makeFile, quiz, scenario, T0 } from '../tests/unit/training-helpers.ts';
import { encodeAssignment, type Assignment } from '../src/lib/training/assignment.ts';
import { traineeRows } from '../src/lib/training/aggregate.ts';
import { pullStatements } from '../src/lib/training/lrs-client.ts';
import { rosterRows, statementsToImports } from '../src/lib/training/lrs-results.ts';
import { regradeImports } from '../src/lib/training/regrade.ts';
import { resultFileStatements, statementBytes, type XapiStatement } from '../src/lib/training/xapi.ts';

const ORIGIN = 'https://sop.example.com';
const self = fileURLToPath(import.meta.url);
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;

function items() {
  const { ctx } = grading();
  const quizzes = ['cancel-order', ...[...ctx.quizzes.keys()].filter((q) => q !== 'cancel-order')].slice(0, 2);
  const chats = ['bargain-repeat', ...[...ctx.scenarios.keys()].filter((s) => s !== 'bargain-repeat')].slice(0, 2);
  return { quizzes, chats };
}

function assignmentFor(n: number): Assignment {
  const { quizzes, chats } = items();
  return makeAssignment({
    id: `bench${n}`.padEnd(8, '0'),
    group: `基准测试 ${n} 人`,
    due: '2099-12-31',
    items: [
      ...quizzes.map((id) => ({ kind: 'quiz' as const, id, version: quiz(id).version })),
      ...chats.map((id) => ({ kind: 'chat' as const, id, version: scenario(id).version })),
    ],
    trainees: n <= 100 ? Array.from({ length: n }, (_, i) => `学员${i + 1}`) : [],
  });
}

/** Child process: pull and re-grade like the dashboard; prints JSON figures. */
async function child(endpoint: string, auth: string, code: string, n: number) {
  const { ctx } = grading();
  const a = assignmentFor(n);
  const t0 = performance.now();
  const pulled = await pullStatements({ endpoint, auth }, { activity: `${ORIGIN}/my/#assignment-${a.id}` }, fetch);
  const t1 = performance.now();
  const reading = statementsToImports(pulled.statements, [{ assignment: a, code }], { origin: ORIGIN });
  const files = regradeImports(reading.imports, ctx, { knownAssignments: [a] });
  const rows = traineeRows(files, ctx);
  const roster = rosterRows(rows, [a], reading.active, (_x, k) => k);
  const t2 = performance.now();
  if (pulled.error) throw new Error(pulled.error.message);
  console.log(
    JSON.stringify({
      statements: pulled.statements.length,
      pages: pulled.pages,
      mbRead: pulled.bytes / 1024 / 1024,
      pullMs: t1 - t0,
      regradeMs: t2 - t1,
      rows: roster.length,
      maxRssKb: process.resourceUsage().maxRSS,
    }),
  );
}

if (process.argv[2] === '--child') {
  const [, , , endpoint, auth, code, n] = process.argv;
  await child(endpoint!, auth!, code!, Number(n));
  process.exit(0);
}

const sizes = (process.env.SIZES ?? '30,2000').split(',').map(Number);
const lrs = await startLrs();
try {
  const { quizzes, chats } = items();
  console.log(`LRS: ${lrs.endpoint} (xapi-statements 5.0.1, in memory); items per trainee: ${[...quizzes, ...chats].join(', ')}`);
  for (const n of sizes) {
    const a = assignmentFor(n);
    const code = encodeAssignment(a);
    const g0 = performance.now();
    const statements: XapiStatement[] = [];
    for (let i = 0; i < n; i++) {
      const start = T0 + 3600_000 + i * 7_000;
      const right = i % 3 !== 0;
      const file = makeFile({
        assignment: a,
        name: n <= 100 ? `学员${i + 1}` : `学员${i + 1}`,
        device: `dev${String(i).padStart(9, '0')}`,
        attempts: quizzes.map((id, k) =>
          makeAttempt(quiz(id), { startMs: start + k * 600_000, seed: i * 10 + k + 1, ...(right ? {} : { answers: {} }) }),
        ),
        chats: chats.map((id, k) => makeChat(scenario(id), { startMs: start + (2 + k) * 600_000 })),
        exportMs: T0 + 30 * 86_400_000,
      });
      statements.push(...resultFileStatements(file, { origin: ORIGIN, assignment: a, title: (_k, id) => id }));
    }
    const genMs = performance.now() - g0;
    const bytes = statements.reduce((s, x) => s + statementBytes(x), 0);
    const s0 = performance.now();
    for (let i = 0; i < statements.length; i += 200) {
      const res = await fetch(`${lrs.endpoint}/statements`, {
        method: 'POST',
        headers: { Authorization: lrs.auth, 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json' },
        body: JSON.stringify(statements.slice(i, i + 200)),
      });
      if (!res.ok) throw new Error(`store: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
    }
    const storeMs = performance.now() - s0;
    console.log(
      `\n${n} trainees × 4 items: ${statements.length} statements, ${(bytes / 1024 / 1024).toFixed(1)} MB (mean ${(bytes / statements.length / 1024).toFixed(1)} KB); generated in ${(genMs / 1000).toFixed(1)} s, stored in the LRS in ${(storeMs / 1000).toFixed(1)} s`,
    );

    const d0 = performance.now();
    const dash = spawnSync(process.execPath, [self, '--child', lrs.endpoint, lrs.auth, code, String(n)], { encoding: 'utf8' });
    const dashWall = performance.now() - d0;
    if (dash.status !== 0) throw new Error(dash.stderr);
    const f = JSON.parse(dash.stdout.trim().split('\n').pop()!) as {
      statements: number;
      pages: number;
      mbRead: number;
      pullMs: number;
      regradeMs: number;
      rows: number;
      maxRssKb: number;
    };
    console.log(
      `  dashboard code: pull ${(f.pullMs / 1000).toFixed(2)} s (${f.pages} pages, ${f.mbRead.toFixed(1)} MB) + re-grade ${(f.regradeMs / 1000).toFixed(2)} s = ${((f.pullMs + f.regradeMs) / 1000).toFixed(2)} s, ${f.rows} rows, peak memory ${mb(f.maxRssKb)} (process incl. start ${(dashWall / 1000).toFixed(1)} s)`,
    );

    const c0 = performance.now();
    const cli = spawnSync(
      '/usr/bin/time',
      [
        '-f',
        '%M',
        process.execPath,
        'src/cli/sop.ts',
        'results',
        '--endpoint',
        lrs.endpoint,
        '--auth',
        lrs.auth,
        '--assignment',
        `${ORIGIN}/my/?a=${code}`,
        '--json',
      ],
      { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 },
    );
    const cliMs = performance.now() - c0;
    const rss = Number(cli.stderr.trim().split('\n').pop());
    const out = JSON.parse(cli.stdout) as { trainees: unknown[]; sync: { ms: number } };
    console.log(
      `  sop results --json: ${(cliMs / 1000).toFixed(2)} s wall (LRS + re-grade ${(out.sync.ms / 1000).toFixed(2)} s), ${out.trainees.length} rows, peak memory ${Number.isFinite(rss) ? mb(rss) : '?'}`,
    );
  }
} finally {
  await lrs.stop();
}
