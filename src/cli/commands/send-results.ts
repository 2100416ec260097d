/**
 * `sop send-results --endpoint <url> --auth <Authorization value> [--site <origin>] [--json] <result files…>`:
 * sends to an LRS the statements the browser would send for those result files
 * (xapi.ts resultFileStatements: one per finished quiz attempt and chat, with the work, and
 * `completed` when every item is done), so a trainer can move old files into an LRS. Statement
 * ids are derived from the attempt: sending twice creates nothing new (the LRS answers 204/409).
 *
 * Files are checked as the dashboard checks them (importResultFiles); a refused file is named and
 * skipped. `--site` is the site's origin for the activity ids (default: SOP_SITE, else the `site`
 * of astro.config.mjs). Exit code: 0 all delivered, 1 a file refused or a statement not
 * delivered, 2 usage.
 */
import { gradingDataFromDisk } from '../../lib/node/grading-archive.ts';
import { decodeAssignment } from '../../lib/training/assignment.ts';
import { gradingContext } from '../../lib/training/grading.ts';
import { endpointProblem } from '../../lib/training/lrs-client.ts';
import { importResultFiles } from '../../lib/training/regrade.ts';
import { resultFileStatements, sendStatements } from '../../lib/training/xapi.ts';
import { projectRoot } from '../root.ts';
import { parseFlags, readResultInput, siteOrigin } from '../lrs-cli.ts';
import type { Command } from './index.ts';

const USAGE =
  '用法: npm run --silent sop -- send-results --endpoint <xAPI 地址> --auth <Authorization 值> [--site <网站地址>] [--json] <结果文件.json…>\n';

export const sendResults: Command = {
  summary: '把培训结果文件按网页发送的格式发到学习记录服务器 LRS（--endpoint --auth [--json] <文件…>）',
  async run(args) {
    const flags = parseFlags(args, ['endpoint', 'auth', 'site'], ['json']);
    if (!flags.ok || !flags.values.endpoint || flags.values.auth === undefined || !flags.rest.length) {
      process.stderr.write(`${flags.ok ? '' : `${flags.message}\n`}${USAGE}`);
      return 2;
    }
    const endpoint = flags.values.endpoint;
    const bad = endpointProblem(endpoint);
    if (bad) {
      process.stderr.write(`--endpoint：${bad}\n`);
      return 2;
    }
    const origin = siteOrigin(flags.values.site);
    if (!origin.ok) {
      process.stderr.write(`${origin.message}\n`);
      return 2;
    }
    const ctx = gradingContext(gradingDataFromDisk(projectRoot()));
    const title = (kind: 'quiz' | 'chat', id: string) =>
      (kind === 'quiz' ? ctx.quizzes.get(id)?.title : ctx.scenarios.get(id)?.title) ?? id;
    const { accepted, messages } = importResultFiles(flags.rest.map(readResultInput), []);
    const report: Array<{ file: string; ok: boolean; statements: number; delivered: number; problems: string[] }> = [];
    let failed = 0;
    for (const imp of accepted) {
      const decoded = decodeAssignment(imp.file.assignment.code);
      if (!decoded.ok) continue; // importResultFiles refused those already
      const statements = resultFileStatements(imp.file, { origin: origin.value, assignment: decoded.assignment, title });
      const outcomes = await sendStatements({ endpoint, auth: flags.values.auth }, statements, fetch);
      const problems = [
        ...new Set(
          outcomes
            .filter((o) => !o.ok)
            .map((o) =>
              o.status === 401
                ? '学习记录服务器拒绝了凭据（HTTP 401）：请检查 --auth'
                : o.status === 403
                  ? '凭据没有写入权限（HTTP 403）'
                  : o.status
                    ? `HTTP ${o.status}${o.message ? `：${o.message.slice(0, 120)}` : ''}`
                    : `连不上学习记录服务器（${o.message ?? '网络错误'}）`,
            ),
        ),
      ];
      const delivered = outcomes.filter((o) => o.ok).length;
      if (delivered < outcomes.length) failed++;
      report.push({ file: imp.fileName, ok: delivered === outcomes.length, statements: statements.length, delivered, problems });
    }
    const refused = messages.filter((m) => m.level === 'error');
    if (flags.flags.json) {
      const out = {
        endpoint,
        site: origin.value,
        files: [
          ...report,
          ...flags.rest
            .filter((p) => !accepted.some((a) => a.fileName === p))
            .map((p) => ({
              file: p,
              ok: false,
              statements: 0,
              delivered: 0,
              problems: messages.filter((m) => m.file === p).map((m) => m.text),
            })),
        ],
        sent: report.reduce((n, r) => n + r.delivered, 0),
      };
      process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    } else {
      for (const r of report)
        process.stdout.write(
          `${r.file}：${r.delivered}/${r.statements} 条记录已送达${r.problems.length ? `；未送达：${r.problems.join('；')}` : ''}\n`,
        );
    }
    for (const m of messages) process.stderr.write(`${m.file}：${m.text}\n`);
    return refused.length || failed ? 1 : 0;
  },
};
