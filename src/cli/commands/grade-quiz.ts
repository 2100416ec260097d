/**
 * `sop grade-quiz --quiz <id> --answers <file> [--json]`: grades an attempt file (exported from
 * the site, see src/lib/quiz/attempt.ts) with the same engine as the browser. A file that cannot be
 * graded gives its problems on stderr, each naming the file and the field, and exit code 1.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadContent } from '../../lib/node/load-content.ts';
import { typeName } from '../../lib/quiz/answers.ts';
import { gradeAttempt, type AttemptResult } from '../../lib/quiz/grade-attempt.ts';
import { formatAttemptProblems, parseAttempt } from '../../lib/quiz/parse-attempt.ts';
import { projectRoot } from '../root.ts';
import type { Command } from './index.ts';

const USAGE = '用法: npm run --silent sop -- grade-quiz --quiz <测验 id> --answers <答题文件.json> [--json]\n';

/** The value of `--name value` or `--name=value`. */
function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1]?.startsWith('--') ? undefined : args[i + 1];
  return args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

function summary(r: AttemptResult): string {
  const head = `测验 ${r.quiz}（第 ${r.quizVersion} 版）：得分 ${r.score} / ${r.max}，${r.percent.toFixed(1)}%，等级 ${r.grade}，${r.passed ? '通过' : '未通过'}（及格线 ${r.passMark}%）`;
  const lines = r.questions.map((q) => {
    const mark = q.correct ? '✓' : q.answered ? '✗' : '·';
    const extra = q.type === 'roleplay' ? (q.ending ? `，结局：${q.ending.title}（${q.ending.outcome}）` : '，未走到结局') : '';
    return `  ${mark} ${q.id}  ${typeName(q.type)}  ${q.score} / ${q.max}${extra}`;
  });
  return [head, ...lines].join('\n') + '\n';
}

export const gradeQuiz: Command = {
  summary: '按测验给答题文件评分（--quiz <id> --answers <文件> [--json]）',
  async run(args) {
    const quizId = option(args, '--quiz');
    const file = option(args, '--answers');
    if (!quizId || !file) {
      process.stderr.write(USAGE);
      return 2;
    }
    const site = loadContent(projectRoot());
    const quiz = site.quizzes.find((q) => q.id === quizId);
    if (!quiz) {
      const known = site.quizzes.map((q) => q.id).join('、') || '（无）';
      process.stderr.write(`没有测验 “${quizId}”（现有：${known}）\n`);
      return 1;
    }
    let text: string;
    try {
      text = readFileSync(resolve(process.cwd(), file), 'utf8');
    } catch (err) {
      const code = (err as { code?: string }).code;
      const why = code === 'ENOENT' ? '文件不存在' : code === 'EISDIR' ? '这是一个目录' : err instanceof Error ? err.message : String(err);
      process.stderr.write(`无法读取答题文件 ${file}：${why}\n`);
      return 1;
    }
    const parsed = parseAttempt(text, quiz);
    if (!parsed.ok) {
      process.stderr.write(`答题文件无法评分（${parsed.problems.length} 处问题）：\n${formatAttemptProblems(file, parsed.problems)}\n`);
      return 1;
    }
    const result = gradeAttempt(quiz, parsed.attempt);
    process.stdout.write(args.includes('--json') ? JSON.stringify(result, null, 2) + '\n' : summary(result));
    return 0;
  },
};
