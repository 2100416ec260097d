/**
 * The trainee view of the dashboard (what a trainer coaches from): for each assigned item the best
 * counted attempt, with a quiz's wrong answers (question, the trainee's answer, the right one) and
 * a chat's transcript with the findings, played again from the raw replies with the same engine.
 * Works the same for work that came in a file, a 成绩码 or from the LRS (all are StoredImports).
 */
import { scoreChat, type TranscriptEntry } from '../chat/score.ts';
import type { Finding } from '../chat/checks.ts';
import type { Quiz } from '../../schemas/quiz.ts';
import type { TraineeRow } from './aggregate.ts';
import type { GradingContext } from './grading.ts';
import type { StoredImport } from './regrade.ts';

export interface WrongAnswer {
  id: string;
  prompt: string;
  given: string;
  right: string;
}

export interface TraineeItemView {
  key: string;
  kind: 'quiz' | 'chat';
  title: string;
  score?: number;
  done: boolean;
  wrong?: WrongAnswer[];
  transcript?: TranscriptEntry[];
  findings?: Finding[];
}

type Q = Quiz['questions'][number];

function show(q: Q | undefined, value: unknown): string {
  if (value === undefined || value === null) return '（未作答）';
  const options = q && 'options' in q && Array.isArray(q.options) ? (q.options as Array<{ id: string; text: string }>) : [];
  const label = (v: unknown) => (typeof v === 'string' ? (options.find((o) => o.id === v)?.text ?? v) : JSON.stringify(v));
  if (typeof value === 'boolean') return value ? '对' : '错';
  if (Array.isArray(value)) return value.map(label).join('；');
  return label(value);
}

function rightAnswer(q: Q | undefined): string {
  if (!q) return '';
  const r = q as unknown as { answer?: unknown; answers?: unknown };
  const right = r.answer ?? r.answers;
  return right === undefined ? '' : show(q, right);
}

export function traineeView(row: TraineeRow, imports: readonly StoredImport[], ctx: GradingContext): TraineeItemView[] {
  return row.items.map((it) => {
    const key = `${it.item.kind}:${it.item.id}`;
    const base: TraineeItemView = { key, kind: it.item.kind, title: it.title, done: !!it.best };
    const best = it.best;
    if (!best) return base;
    if (best.score !== undefined) base.score = best.score;
    if (best.kind === 'quiz') {
      const quiz = ctx.quizzes.get(best.itemId);
      const attempt = imports.flatMap((i) => i.file.quizAttempts).find((a) => `quiz:${a.quiz}:${a.startedAt}:${a.seed}` === best.key);
      const byId = new Map((quiz?.questions ?? []).map((q) => [q.id, q]));
      base.wrong = (best.questions ?? [])
        .filter((q) => !q.correct)
        .map((q) => {
          const question = byId.get(q.id);
          return {
            id: q.id,
            prompt: question?.prompt ?? q.id,
            given: show(question, (attempt?.answers as Record<string, unknown> | undefined)?.[q.id]),
            right: rightAnswer(question),
          };
        });
      return base;
    }
    const scenario = ctx.scenarios.get(best.itemId);
    const chat = imports.flatMap((i) => i.file.chats).find((c) => `chat:${c.scenario}:${c.startedAt}` === best.key);
    if (scenario && chat) {
      const report = scoreChat(scenario, chat.replies, ctx.rules);
      base.transcript = report.transcript;
      base.findings = report.findings;
    }
    return base;
  });
}
