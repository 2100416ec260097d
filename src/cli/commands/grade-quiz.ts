/**
 * `sop grade-quiz --quiz <id> --answers <file> [--json]`: grades an attempt file (exported from
 * the site, see src/lib/quiz/attempt.ts) with the same engine as the browser. A file that cannot be
 * graded gives its problems on stderr, each naming the file and the field, and exit code 1.
 */
import { terminalSafeLines } from '../../lib/text/terminal-safe.ts';
import { loadContent } from '../../lib/node/load-content.ts';
import { typeName } from '../../lib/quiz/answers.ts';
import { gradeAttempt, type AttemptResult } from '../../lib/quiz/grade-attempt.ts';
import { formatAttemptProblems, parseAttempt } from '../../lib/quiz/parse-attempt.ts';
import { findById, option } from '../args.ts';
import { readInputFile } from '../read-input.ts';
import { projectRoot } from '../root.ts';
import type { Command } from './index.ts';

const USAGE = '用法: npm run --silent sop -- grade-quiz --quiz <测验 id> --answers <答题文件.json> [--json]\n';

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
    const quiz = findById(loadContent(projectRoot()).quizzes, quizId, '测验');
    if (!quiz) return 1;
    const text = readInputFile(file, '答题文件');
    if (text === undefined) return 1;
    const parsed = parseAttempt(text, quiz);
    if (!parsed.ok) {
      process.stderr.write(`答题文件无法评分（${parsed.problems.length} 处问题）：\n${formatAttemptProblems(file, parsed.problems)}\n`);
      return 1;
    }
    const result = gradeAttempt(quiz, parsed.attempt);
    process.stdout.write(args.includes('--json') ? JSON.stringify(result, null, 2) + '\n' : terminalSafeLines(summary(result)));
    return 0;
  },
};
