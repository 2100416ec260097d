/**
 * Lookups the quiz pages need (pure, build time): which quizzes belong to a workflow or a track,
 * the type mix of a quiz, and the few labels the island needs for its review links.
 */
import type { Question, Quiz } from '../../schemas/quiz.ts';
import type { SiteIndex } from '../../lib/content/site-index.ts';

/** Quizzes about a workflow: its main `workflow`, or any question whose `ref` points into it. */
export function quizzesOfWorkflow<Q extends Quiz>(quizzes: readonly Q[], workflowId: string): Q[] {
  return quizzes.filter((q) => q.workflow === workflowId || q.questions.some((x) => x.ref.workflow === workflowId));
}

/** Question counts by type, in a fixed type order, without the types the quiz does not use. */
export function typeMix(quiz: Quiz): Array<{ type: Question['type']; count: number }> {
  const order: Question['type'][] = ['single', 'multiple', 'truefalse', 'ordering', 'numeric', 'roleplay'];
  return order.map((type) => ({ type, count: quiz.questions.filter((q) => q.type === type).length })).filter((t) => t.count > 0);
}

/** Quizzes grouped by the track of their main workflow, tracks in site order, quizzes by workflow order. */
export function quizzesByTrack<Q extends Quiz>(
  site: Pick<SiteIndex, 'tracks' | 'workflow'>,
  quizzes: readonly Q[],
): Array<{ track: { id: string; title: string } | undefined; quizzes: Q[] }> {
  const orderOf = (q: Q) => site.workflow.get(q.workflow)?.order ?? Number.MAX_SAFE_INTEGER;
  const sorted = [...quizzes].sort((a, b) => orderOf(a) - orderOf(b) || a.title.localeCompare(b.title, 'zh-CN'));
  const groups: Array<{ track: { id: string; title: string } | undefined; quizzes: Q[] }> = site.tracks.map((t) => ({
    track: { id: t.id, title: t.title },
    quizzes: sorted.filter((q) => site.workflow.get(q.workflow)?.track === t.id),
  }));
  const known = new Set(site.tracks.map((t) => t.id));
  const rest = sorted.filter((q) => !known.has(site.workflow.get(q.workflow)?.track ?? ''));
  if (rest.length) groups.push({ track: undefined, quizzes: rest });
  return groups.filter((g) => g.quizzes.length > 0);
}

/** Names the review screen links to: workflow step titles ("workflow/step") and standard names. */
export interface QuizLabels {
  workflows: Record<string, string>;
  steps: Record<string, string>;
  standards: Record<string, string>;
}

/** Only the labels this quiz refers to (the island gets nothing else from the site). */
export function quizLabels(site: Pick<SiteIndex, 'workflow' | 'standard'>, quiz: Quiz): QuizLabels {
  const labels: QuizLabels = { workflows: {}, steps: {}, standards: {} };
  const addWorkflow = (id: string) => {
    const w = site.workflow.get(id);
    if (w) labels.workflows[id] = w.title;
  };
  addWorkflow(quiz.workflow);
  for (const q of quiz.questions) {
    addWorkflow(q.ref.workflow);
    const step = site.workflow.get(q.ref.workflow)?.steps.find((s) => s.id === q.ref.step);
    if (step) labels.steps[`${q.ref.workflow}/${q.ref.step}`] = step.title;
    const ids = [...q.standards];
    if (q.type === 'roleplay') for (const n of q.nodes) for (const c of n.choices) ids.push(...c.honours, ...c.breaks);
    for (const id of ids) {
      const s = site.standard.get(id);
      if (s) labels.standards[id] = s.name;
    }
  }
  return labels;
}

/** The quiz as the island gets it: the schema's fields only (no loader extras such as `file`). */
export function islandQuiz(quiz: Quiz & { file?: string }): Quiz {
  const { file: _file, ...rest } = quiz;
  return rest;
}
