/** Builders for the quiz tests (unit and e2e): small quizzes and role-play graphs written compactly, right answers. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { quizSchema, type Question, type Quiz } from '../../src/schemas/quiz.ts';
import { bestRoleplayPath, type Roleplay } from '../../src/lib/quiz/roleplay.ts';
import type { AnswerValue } from '../../src/lib/quiz/answers.ts';

export const FIXTURE_ROOT = fileURLToPath(new URL('../fixtures/quiz-site', import.meta.url));

/** The right answer to every question (role-plays: the best path). */
export function rightAnswers(q: Quiz): Record<string, AnswerValue> {
  return Object.fromEntries(
    q.questions.map((x): [string, AnswerValue] => {
      switch (x.type) {
        case 'single':
          return [x.id, x.answer];
        case 'multiple':
          return [x.id, x.answers];
        case 'ordering':
          return [x.id, x.items.map((i) => i.id)];
        case 'numeric':
          return [x.id, String(x.answer)];
        case 'truefalse':
          return [x.id, x.answer];
        case 'roleplay':
          return [x.id, bestRoleplayPath(x)!.steps.map((s) => s.choice)];
      }
    }),
  );
}

/** The fixture quiz quizzes/<id>.yaml, parsed with the schema. */
export function fixtureQuiz(id = 'first-reply-basics'): Quiz {
  return quizSchema.parse(parse(readFileSync(`${FIXTURE_ROOT}/quizzes/${id}.yaml`, 'utf8')));
}

const common = { prompt: '题目', ref: { workflow: 'wf', step: 'st' }, explanation: '说明' };

/** A quiz around `questions` (each missing prompt/ref/explanation filled in). */
export function makeQuiz(questions: Array<Record<string, unknown>>, extra: Record<string, unknown> = {}): Quiz {
  return quizSchema.parse({
    id: 'test-quiz',
    title: '测试测验',
    version: 1,
    workflow: 'wf',
    description: '测试',
    questions: questions.map((q) => ({ ...common, ...q })),
    ...extra,
  });
}

/** A question parsed with the schema. */
export function makeQuestion<T extends Question['type']>(q: Record<string, unknown> & { type: T }): Extract<Question, { type: T }> {
  return makeQuiz([{ id: 'q', ...q }]).questions[0] as Extract<Question, { type: T }>;
}

/**
 * A role-play from a compact graph: { node: [[choiceId, score, target], …] }, where target is a
 * node id or "end:<ending id>". Endings good/bad/meh exist unless `endings` is given.
 */
export function roleplay(
  start: string,
  graph: Record<string, Array<[string, number, string]>>,
  endings = ['good', 'bad', 'meh'],
): Roleplay {
  return makeQuestion({
    type: 'roleplay',
    start,
    nodes: Object.entries(graph).map(([id, choices]) => ({
      id,
      customer: `顾客在 ${id}`,
      choices: choices.map(([cid, score, target]) => ({
        id: cid,
        text: cid,
        score,
        feedback: '反馈',
        ...(target.startsWith('end:') ? { ending: target.slice(4) } : { next: target }),
      })),
    })),
    endings: endings.map((id) => ({ id, title: id, outcome: id === 'good' ? 'good' : id === 'bad' ? 'bad' : 'neutral', text: id })),
  });
}
