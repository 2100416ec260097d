/**
 * `sop regrade [--json] <result files…>`: re-grades training result files (exported from 我的培训,
 * src/lib/training/result-file.ts) from their raw answers and replies with the current content,
 * exactly as the trainer's dashboard does (importResultFiles + regradeImports), and flags every
 * stored score that differs, duplicates, other versions and edited assignments.
 *
 * Exit code: 0 when every file was read and nothing needs a look; 1 when a file was refused or an
 * attempt is flagged as untrustworthy (score-mismatch, conflict, edited assignment, invalid
 * answers, impossible times); 2 for a usage error.
 */
import { gradingDataFromDisk } from '../../lib/node/grading-archive.ts';
import { basename } from 'node:path';
import { traineeRows } from '../../lib/training/aggregate.ts';
import { gradingContext } from '../../lib/training/grading.ts';
import { importResultFiles, regradeImports, TRUST_FLAGS, type ImportInput, type ImportMessage } from '../../lib/training/regrade.ts';
import { codesToImportInputs } from '../../lib/training/result-code.ts';
import { decodeAssignment, type Assignment } from '../../lib/training/assignment.ts';
import { MAX_RESULT_FILE_BYTES } from '../../lib/training/result-file.ts';
import { readRegularFile } from '../read-input.ts';
import { terminalSafe } from '../../lib/text/terminal-safe.ts';
import { projectRoot } from '../root.ts';
import type { Command } from './index.ts';

const USAGE =
  '用法: npm run --silent sop -- regrade [--json] [--assignment <任务链接或代码>]… <结果文件.json 或 成绩码文本.txt> [更多文件…]\n' +
  '  --assignment  你布置的任务（可重复）：给出后，其他任务或内容被改过的任务的成绩会被标出且不计入\n';

function readInput(path: string): ImportInput {
  const r = readRegularFile(path, MAX_RESULT_FILE_BYTES);
  if (r.ok) return { name: path, size: r.size, text: r.text };
  // Too large: importResultFiles words the message from the size alone.
  return r.size > MAX_RESULT_FILE_BYTES ? { name: path, size: r.size } : { name: path, size: 0, readError: r.reason };
}

export const regrade: Command = {
  summary: '按原始答案重新评分培训结果文件，标出与记录不符的成绩（[--json] <文件…>）',
  async run(args) {
    const json = args.includes('--json');
    const paths: string[] = [];
    const links: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '--json') continue;
      if (a === '--assignment') {
        const v = args[++i];
        if (v === undefined) {
          process.stderr.write(`--assignment 后面要给任务链接或代码\n${USAGE}`);
          return 2;
        }
        links.push(v);
      } else paths.push(a);
    }
    if (!paths.length || paths.some((p) => p.startsWith('--'))) {
      process.stderr.write(USAGE);
      return 2;
    }
    const known: Assignment[] = [];
    for (const link of links) {
      const d = decodeAssignment(link);
      if (!d.ok) {
        process.stderr.write(`--assignment ${terminalSafe(link.slice(0, 60))}：${d.message}\n`);
        return 2;
      }
      known.push(d.assignment);
    }
    const ctx = gradingContext(gradingDataFromDisk(projectRoot()));
    // A text file of pasted 成绩码 (from a WeChat chat) stands for the result files it holds.
    const inputs: ImportInput[] = [];
    const codeMessages: ImportMessage[] = [];
    for (const path of paths) {
      const input = readInput(path);
      const codes = input.text !== undefined ? await codesToImportInputs(path, input.text) : null;
      if (codes) {
        inputs.push(...codes.inputs);
        codeMessages.push(...codes.messages);
      } else inputs.push(input);
    }
    const imported = importResultFiles(inputs, []);
    const accepted = imported.accepted;
    const messages = [...codeMessages, ...imported.messages];
    const files = regradeImports(accepted, ctx, links.length ? { knownAssignments: known } : {});
    const rows = traineeRows(files, ctx);
    const untrusted = files.some(
      (f) => f.flags.some((x) => TRUST_FLAGS.has(x.code)) || f.items.some((i) => i.flags.some((x) => TRUST_FLAGS.has(x.code))),
    );
    const refused = messages.filter((m) => m.level === 'error');

    if (json) {
      const out = {
        siteVersion: ctx.siteVersion,
        files: [
          ...files.map((f) => ({
            file: f.fileName,
            ok: true,
            trainee: f.trainee,
            assignment: {
              id: f.assignment.id,
              group: f.assignment.group,
              due: f.assignment.due,
              passMark: f.assignment.passMark,
              items: f.assignment.items,
            },
            siteVersion: f.siteVersion,
            exportedAt: f.exportedAt,
            flags: f.flags,
            items: f.items.map(({ questions: _q, standards: _s, ...item }) => ({
              ...item,
              mismatch: item.flags.some((x) => x.code === 'score-mismatch'),
            })),
          })),
          ...[...new Set([...inputs.map((i) => i.name), ...codeMessages.map((m) => m.file)])]
            .filter((p) => !files.some((f) => f.fileName === p))
            .map((p) => ({
              file: p,
              ok: false,
              problems: messages.filter((m) => m.file === p).map((m) => ({ level: m.level, message: m.text })),
            })),
        ],
        trainees: rows.map((r) => ({
          name: r.name,
          group: r.group,
          assignment: r.assignment.id,
          assigned: r.assigned,
          done: r.done,
          score: r.score,
          grade: r.grade,
          passed: r.passed,
          late: r.late,
          flagged: r.flagged,
          flags: r.flags.map((f) => ({ code: f.code, message: f.message })),
          items: r.items.map((it) => ({
            kind: it.item.kind,
            id: it.item.id,
            title: it.title,
            score: it.best?.score ?? null,
            grade: it.best?.grade ?? null,
            passed: it.best?.passed ?? false,
            mode: it.best?.mode ?? null,
            attempts: it.attempts,
            practiceAttempts: it.practice,
            hintsUsed: it.best?.hintsUsed ?? null,
            late: it.best?.late ?? false,
          })),
        })),
      };
      process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    } else {
      const lines: string[] = [`网站版本 ${ctx.siteVersion}`];
      for (const f of files) {
        lines.push(
          `${basename(f.fileName)}：${f.trainee.name}，任务 “${f.assignment.group}”（${f.assignment.id}，及格线 ${f.assignment.passMark}%，截止 ${f.assignment.due}）`,
        );
        for (const flag of f.flags) lines.push(`  ! ${flag.message}`);
        for (const item of f.items) {
          const mark = item.flags.some((x) => TRUST_FLAGS.has(x.code)) ? '✗' : item.counted ? '✓' : '·';
          const stored = item.stored ? `，文件记录 ${item.stored.score}` : '';
          const mode = item.mode === 'exam' ? '，考试模式' : item.mode === 'practice' ? '，练习模式' : '';
          const hints = item.hintsUsed ? `，看提示 ${item.hintsUsed} 次` : '';
          lines.push(
            `  ${mark} ${item.kind === 'quiz' ? '测验' : '对话'} ${item.itemId}  ${item.score ?? '—'}${item.grade ? `（${item.grade}）` : ''}${stored}${mode}${hints}${item.late ? '，逾期' : ''}`,
          );
          for (const flag of item.flags) if (flag.code !== 'unfinished') lines.push(`      ${flag.message}`);
        }
      }
      for (const r of rows)
        lines.push(
          `学员 ${r.name}（${r.group}）：完成 ${r.done}/${r.assigned}，成绩 ${r.score}（${r.grade}），${r.passed ? '通过' : '未通过'}${r.late ? '，逾期' : ''}${r.flagged ? '，需核对' : ''}`,
        );
      // Each entry is one line: a name or file name with control characters or line breaks is escaped.
      process.stdout.write(`${lines.map(terminalSafe).join('\n')}\n`);
    }
    for (const m of refused) process.stderr.write(`${terminalSafe(m.file)}：${terminalSafe(m.text)}\n`);
    for (const m of messages.filter((x) => x.level !== 'error')) process.stderr.write(`${terminalSafe(m.file)}：${terminalSafe(m.text)}\n`);
    return refused.length || untrusted ? 1 : 0;
  },
};
