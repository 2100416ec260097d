/**
 * Plain-text wording of answers and feedback for the quiz island (pure; every string from
 * src/i18n/zh-CN.ts). Everything returned is text: components print it with {…}, never {@html}.
 */
import type { Question } from '../../schemas/quiz.ts';
import type { QuestionResult } from '../../lib/quiz/grade-question.ts';
import { nodesById, walkRoleplay, type Roleplay, type RoleplayChoice, type RoleplayNode } from '../../lib/quiz/roleplay.ts';
import { ui } from '../../i18n/zh-CN/quiz.ts';

export type Verdict = 'correct' | 'partial' | 'wrong' | 'unanswered';

/** Right, partly right (some points), wrong, or not answered. */
export function verdictOf(r: Pick<QuestionResult, 'correct' | 'answered' | 'score'>): Verdict {
  if (r.correct) return 'correct';
  if (!r.answered) return 'unanswered';
  return r.score > 0 ? 'partial' : 'wrong';
}

const optionText = (q: Question, id: string): string => {
  if (q.type === 'single' || q.type === 'multiple') return q.options.find((o) => o.id === id)?.text ?? id;
  if (q.type === 'ordering') return q.items.find((o) => o.id === id)?.text ?? id;
  return id;
};

/** The trainee's answer as lines of text (ordering: one item per line, in their order). */
export function givenAnswer(q: Question, r: QuestionResult): string[] {
  if (!r.answered) return [ui.quiz.none];
  switch (r.type) {
    case 'single':
      return [r.chosen === null ? ui.quiz.none : optionText(q, r.chosen)];
    case 'multiple':
      return r.picked.length ? r.picked.map((id) => optionText(q, id)) : [ui.quiz.noneSelected];
    case 'ordering':
      return r.order.map((id) => optionText(q, id));
    case 'numeric':
      return [r.typed ?? ui.quiz.none];
    case 'truefalse':
      return [r.chosen === null ? ui.quiz.none : r.chosen ? ui.quiz.trueLabel : ui.quiz.falseLabel];
    case 'roleplay':
      return r.path.map((s) => s.choice);
  }
}

/** The right answer as lines of text. */
export function rightAnswer(q: Question): string[] {
  switch (q.type) {
    case 'single':
      return [optionText(q, q.answer)];
    case 'multiple':
      return q.options.filter((o) => q.answers.includes(o.id)).map((o) => o.text);
    case 'ordering':
      return q.items.map((i) => i.text);
    case 'numeric':
      return [`${q.answer}${q.unit ?? ''}`];
    case 'truefalse':
      return [q.answer ? ui.quiz.trueLabel : ui.quiz.falseLabel];
    case 'roleplay':
      return [];
  }
}

/** One step of a role-play path with its node and choice (for the chat and the review). */
export interface PathLine {
  node: RoleplayNode;
  choice: RoleplayChoice;
}

/** The nodes and choices along a list of choice ids from the start (stops where the walk stops). */
export function pathLines(q: Roleplay, choiceIds: readonly string[]): PathLine[] {
  const nodes = nodesById(q);
  return walkRoleplay(q, choiceIds).steps.flatMap((s) => {
    const node = nodes.get(s.node);
    const choice = node?.choices.find((c) => c.id === s.choice);
    return node && choice ? [{ node, choice }] : [];
  });
}

/** What the live region says after an answer in practice mode. */
export function feedbackAnnouncement(q: Question, r: QuestionResult): string {
  return `${ui.quiz.verdict[verdictOf(r)]}，${ui.quiz.scoreOf(r.score, r.max)}。${ui.quiz.explanation}：${q.explanation}`;
}

/** What the live region says after a role-play choice in practice mode. */
export function choiceAnnouncement(choice: RoleplayChoice): string {
  return `${ui.quiz.roleplay.coach}（${ui.quiz.roleplay.choiceScore(choice.score)}）：${choice.feedback}`;
}

/** The score of a role-play choice as a tone: good (> 0), neutral (0), bad (< 0). */
export function scoreTone(score: number): 'good' | 'neutral' | 'bad' {
  return score > 0 ? 'good' : score < 0 ? 'bad' : 'neutral';
}
