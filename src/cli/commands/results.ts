/**
 * `sop results --endpoint <url> --auth <Authorization value> --assignment <link or code> [--json]`:
 * pulls the assignment's statements from the LRS (lrs-client.ts: activity + related_activities,
 * following `more`; with a bare code, whose site is unknown, everything since the assignment was
 * made, filtered by the assignment id), re-grades the work they carry with the same code as the
 * dashboard and `sop regrade` (lrs-results.ts → regradeImports → traineeRows), and prints one row
 * per listed trainee (nothing yet: status not-started) and per trainee not on the list.
 *
 * --json: { "assignment": {…}, "sync": {…}, "messages": […], "trainees": [ { name, group,
 * assignment, assigned, done, score, grade, passed, late, flagged, status, statusText, listed,
 * items: [ { kind, id, title, done, score, grade, passed, attempts, late, durationMs } ] } ] }
 * (rows shaped like `sop regrade --json`'s trainees, plus status and items).
 *
 * Exit code: 0 read; 1 the LRS could not be read, or a row is flagged; 2 usage or a bad link.
 */
import { gradingDataFromDisk } from '../../lib/node/grading-archive.ts';
import { traineeRows } from '../../lib/training/aggregate.ts';
import { decodeAssignment, itemKey } from '../../lib/training/assignment.ts';
import { gradingContext } from '../../lib/training/grading.ts';
import { endpointProblem, pullStatements } from '../../lib/training/lrs-client.ts';
import { ROSTER_STATUS_ZH, rosterRows, statementsToImports } from '../../lib/training/lrs-results.ts';
import { regradeImports } from '../../lib/training/regrade.ts';
import { windowStart } from '../../lib/training/result-file.ts';
import { projectRoot } from '../root.ts';
import { parseFlags } from '../lrs-cli.ts';
import type { Command } from './index.ts';

const USAGE =
  '用法: npm run --silent sop -- results --endpoint <xAPI 地址> --auth <Authorization 值> --assignment <培训任务链接或代码> [--json]\n';

export const results: Command = {
  summary: '从学习记录服务器 LRS 读取一个培训任务的成绩，重新评分，按名单列出每位学员（--endpoint --auth --assignment [--json]）',
  async run(args) {
    const flags = parseFlags(args, ['endpoint', 'auth', 'assignment'], ['json']);
    if (!flags.ok || !flags.values.endpoint || flags.values.auth === undefined || !flags.values.assignment || flags.rest.length) {
      process.stderr.write(`${flags.ok ? '' : `${flags.message}\n`}${USAGE}`);
      return 2;
    }
    const { endpoint, auth, assignment: link } = flags.values as { endpoint: string; auth: string; assignment: string };
    const bad = endpointProblem(endpoint);
    if (bad) {
      process.stderr.write(`--endpoint：${bad}\n`);
      return 2;
    }
    const decoded = decodeAssignment(link);
    if (!decoded.ok) {
      process.stderr.write(`--assignment：${decoded.message}\n`);
      return 2;
    }
    const a = decoded.assignment;
    let origin: string | undefined;
    if (/^https?:\/\//i.test(link.trim())) {
      try {
        origin = new URL(link.trim()).origin;
      } catch {
        origin = undefined;
      }
    }
    const ctx = gradingContext(gradingDataFromDisk(projectRoot()));
    const started = performance.now();
    const pulled = await pullStatements(
      { endpoint, auth },
      origin ? { activity: `${origin}/my/#assignment-${a.id}` } : { since: new Date(windowStart(a)).toISOString() },
      fetch,
      { timeoutMs: 60_000 },
    );
    const reading = statementsToImports(pulled.statements, [{ assignment: a, code: decoded.code }], origin ? { origin } : {});
    const files = regradeImports(reading.imports, ctx, { knownAssignments: [a] });
    const now = new Date();
    const rows = traineeRows(files, ctx, now);
    const titleOf = (_a: unknown, key: string) => {
      const [kind, id] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
      return (kind === 'quiz' ? ctx.quizzes.get(id)?.title : ctx.scenarios.get(id)?.title) ?? id;
    };
    const roster = rosterRows(rows, [a], reading.active, titleOf, now);
    const ms = Math.round(performance.now() - started);
    const trainees = roster.map((r) => {
      const row = r.row;
      return {
        name: r.name,
        group: a.group,
        assignment: a.id,
        assigned: a.items.length,
        done: row?.done ?? 0,
        score: row?.score ?? 0,
        grade: row?.grade ?? 'F',
        passed: row?.passed ?? false,
        late: r.status === 'overdue' || (row?.late ?? false),
        flagged: row?.flagged ?? false,
        status: r.status,
        statusText: ROSTER_STATUS_ZH[r.status],
        listed: !r.unlisted && a.trainees.includes(r.name),
        flags: (row?.flags ?? []).map((f) => f.message),
        items: a.items.map((it) => {
          const ri = row?.items.find((x) => itemKey(x.item) === itemKey(it));
          const best = ri?.best;
          return {
            kind: it.kind,
            id: it.id,
            title: titleOf(a, itemKey(it)),
            done: !!best,
            score: best?.score ?? null,
            grade: best?.grade ?? null,
            passed: best?.passed ?? false,
            attempts: ri?.attempts ?? 0,
            late: best?.late ?? false,
            durationMs: best?.durationMs ?? null,
          };
        }),
      };
    });
    const messages = [...(pulled.error ? [{ level: 'error', text: pulled.error.message }] : []), ...reading.messages];
    if (flags.flags.json) {
      const out = {
        siteVersion: ctx.siteVersion,
        assignment: { id: a.id, group: a.group, due: a.due, passMark: a.passMark, items: a.items, trainees: a.trainees },
        sync: { statements: pulled.statements.length, used: reading.used, pages: pulled.pages, ms, ok: !pulled.error },
        messages,
        trainees,
      };
      process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    } else {
      const lines = [
        `任务 “${a.group}”（${a.id}，及格线 ${a.passMark}%，截止 ${a.due}）：从学习记录服务器读取 ${pulled.statements.length} 条记录，${ms} ms`,
      ];
      for (const t of trainees)
        lines.push(
          `  ${t.name.padEnd(6, '　')} ${t.statusText.padEnd(3, '　')} 完成 ${t.done}/${t.assigned}，成绩 ${t.score}（${t.grade}）${t.flagged ? '，需核对' : ''}${t.listed ? '' : '，不在名单上'}`,
        );
      process.stdout.write(`${lines.join('\n')}\n`);
    }
    for (const m of messages) process.stderr.write(`${m.text}\n`);
    return pulled.error || trainees.some((t) => t.flagged) ? 1 : 0;
  },
};
