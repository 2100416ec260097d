/** `sop quizzes [--json]`: lists the quizzes with their question ids and types. */
import { loadContent } from '../../lib/node/load-content.ts';
import { typeName } from '../../lib/quiz/answers.ts';
import { projectRoot } from '../root.ts';
import type { Command } from './index.ts';

export const quizzes: Command = {
  summary: '列出全部测验及其题目（--json 输出 JSON）',
  async run(args) {
    const site = loadContent(projectRoot());
    const list = site.quizzes.map((q) => ({
      id: q.id,
      title: q.title,
      workflow: q.workflow,
      questions: q.questions.map((question) => ({ id: question.id, type: question.type })),
    }));
    if (args.includes('--json')) {
      process.stdout.write(JSON.stringify(list, null, 2) + '\n');
      return 0;
    }
    const lines = site.quizzes.map((q) => {
      const types = q.questions.map((question) => `${question.id}（${typeName(question.type)}）`).join('、');
      return `${q.id}  ${q.title}（流程 ${q.workflow}，第 ${q.version} 版，${q.questions.length} 题）\n    ${types}`;
    });
    process.stdout.write(lines.length ? lines.join('\n') + '\n' : '还没有测验\n');
    return 0;
  },
};
