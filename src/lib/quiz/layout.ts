/**
 * The order an attempt shows things in, drawn from the attempt's seed (random.ts): the questions,
 * the options of single/multiple questions, the items of ordering questions and the choices of
 * each role-play node. Same quiz + same seed → same layout, so a saved attempt can be shown again
 * exactly as the learner saw it. Ids never change with the order, so answers stay valid.
 *
 * Each list has its own derived seed ("questions", "<question id>", "<question id>/<node id>"), so
 * one list does not depend on another. Ordering items are never shown already in the right order:
 * when the shuffle happens to give it, the list is rotated by one.
 */
import type { Quiz } from '../../schemas/quiz.ts';
import { deriveSeed, mulberry32, shuffled } from './random.ts';

export interface AttemptLayout {
  /** Question ids in display order. */
  questions: string[];
  /** Option ids (single, multiple) or item ids (ordering) in display order, by question id. */
  options: Record<string, string[]>;
  /** Choice ids in display order, by role-play question id, then node id. */
  choices: Record<string, Record<string, string[]>>;
}

function shuffleIds(ids: readonly string[], seed: number, label: string): string[] {
  return shuffled(ids, mulberry32(deriveSeed(seed, label)));
}

/** The layout of an attempt at `quiz` with `seed`. `shuffleQuestions: false` keeps the quiz order. */
export function attemptLayout(quiz: Quiz, seed: number, options: { shuffleQuestions?: boolean } = {}): AttemptLayout {
  const ids = quiz.questions.map((q) => q.id);
  const layout: AttemptLayout = {
    questions: options.shuffleQuestions === false ? ids : shuffleIds(ids, seed, 'questions'),
    options: {},
    choices: {},
  };
  for (const q of quiz.questions) {
    if (q.type === 'single' || q.type === 'multiple') {
      layout.options[q.id] = shuffleIds(
        q.options.map((o) => o.id),
        seed,
        q.id,
      );
    } else if (q.type === 'ordering') {
      const right = q.items.map((i) => i.id);
      const order = shuffleIds(right, seed, q.id);
      layout.options[q.id] = order.every((id, i) => id === right[i]) ? [...order.slice(1), ...order.slice(0, 1)] : order;
    } else if (q.type === 'roleplay') {
      const perNode: Record<string, string[]> = {};
      for (const node of q.nodes)
        perNode[node.id] = shuffleIds(
          node.choices.map((c) => c.id),
          seed,
          `${q.id}/${node.id}`,
        );
      layout.choices[q.id] = perNode;
    }
  }
  return layout;
}
