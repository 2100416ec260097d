/**
 * Builders for the training tests: the project's own content as grading data, assignments, quiz
 * attempts and chats made with the real engines, and result files around them.
 */
import { fileURLToPath } from 'node:url';
import { loadContent } from '../../src/lib/node/load-content.ts';
import { loadGradingArchive } from '../../src/lib/node/grading-archive.ts';
import { gradingContext, gradingData, scenarioHash, type GradingContext, type GradingData } from '../../src/lib/training/grading.ts';
import { encodeAssignment, type Assignment } from '../../src/lib/training/assignment.ts';
import { buildResultFile, type ChatEntry, type ResultFile } from '../../src/lib/training/result-file.ts';
import { newAttempt, type Attempt } from '../../src/lib/quiz/attempt.ts';
import { gradeAttempt } from '../../src/lib/quiz/grade-attempt.ts';
import type { AnswerValue } from '../../src/lib/quiz/answers.ts';
import { scoreChat } from '../../src/lib/chat/score.ts';
import type { AgentReply } from '../../src/lib/chat/player.ts';
import type { Quiz } from '../../src/schemas/quiz.ts';
import type { Scenario } from '../../src/schemas/scenario.ts';
import { modelReplies } from './chat-helpers.ts';
import { rightAnswers } from './quiz-helpers.ts';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));

let data: GradingData | undefined;
let ctx: GradingContext | undefined;

/** The project's content as the dashboard gets it (loaded once). */
export function grading(): { data: GradingData; ctx: GradingContext } {
  data ??= gradingData(loadContent(REPO), loadGradingArchive(REPO));
  ctx ??= gradingContext(data);
  return { data, ctx };
}

export function quiz(id: string): Quiz {
  const q = grading().ctx.quizzes.get(id);
  if (!q) throw new Error(`no quiz ${id}`);
  return q;
}

export function scenario(id: string): Scenario {
  const s = grading().ctx.scenarios.get(id);
  if (!s) throw new Error(`no scenario ${id}`);
  return s;
}

export const T0 = Date.parse('2026-06-01T02:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

export function makeAssignment(over: Partial<Assignment> = {}): Assignment {
  return {
    id: 'wk23group1',
    group: '6月第1周新人组',
    trainer: '王老师',
    createdAt: iso(T0),
    due: '2026-06-07',
    tz: 480,
    passMark: 80,
    items: [
      { kind: 'quiz', id: 'cancel-order', version: quiz('cancel-order').version },
      { kind: 'chat', id: 'bargain-repeat', version: scenario('bargain-repeat').version },
    ],
    trainees: ['张三', '李四'],
    ...over,
  };
}

/** A finished attempt with `answers` (default: all right), graded by the engine. */
export function makeAttempt(
  q: Quiz,
  options: { answers?: Record<string, AnswerValue>; startMs?: number; minutes?: number; seed?: number } = {},
): Attempt {
  const start = options.startMs ?? T0 + 3600_000;
  const a = newAttempt(q, { seed: options.seed ?? 12345, mode: 'exam', startedAt: new Date(start) });
  a.answers = structuredClone(options.answers ?? rightAnswers(q));
  a.finishedAt = iso(start + (options.minutes ?? 6) * 60_000);
  a.result = JSON.parse(JSON.stringify(gradeAttempt(q, a)));
  return a;
}

/** A finished chat (default: the model replies), scored by the engine. */
export function makeChat(s: Scenario, options: { replies?: AgentReply[]; startMs?: number } = {}): ChatEntry {
  const { ctx } = grading();
  const replies = options.replies ?? modelReplies(s, ctx.rules);
  const report = scoreChat(s, replies, ctx.rules);
  const start = options.startMs ?? T0 + 7200_000;
  const total = replies.reduce((t, r) => t + r.afterMs, 0);
  return {
    scenario: s.id,
    scenarioVersion: s.version,
    scenarioHash: scenarioHash(s),
    startedAt: iso(start),
    finishedAt: iso(start + total + 5000),
    replies: structuredClone(replies),
    result: { score: report.score, grade: report.grade, ending: report.ending.kind },
    mode: 'exam',
    hintsUsed: 0,
  };
}

export function makeFile(
  options: { assignment?: Assignment; name?: string; device?: string; attempts?: Attempt[]; chats?: ChatEntry[]; exportMs?: number } = {},
): ResultFile {
  const a = options.assignment ?? makeAssignment();
  return buildResultFile({
    assignment: a,
    code: encodeAssignment(a),
    trainee: { name: options.name ?? '张三', device: options.device ?? 'dev0000000001' },
    siteVersion: grading().ctx.siteVersion,
    attempts: options.attempts ?? [makeAttempt(quiz('cancel-order'))],
    chats: options.chats ?? [makeChat(scenario('bargain-repeat'))],
    now: new Date(options.exportMs ?? T0 + 86_400_000),
  });
}

export const text = (file: unknown) => `${JSON.stringify(file, null, 2)}\n`;

/** The title of a quiz or scenario by kind and id (the id when unknown). */
export function itemTitle(kind: 'quiz' | 'chat', id: string): string {
  return (kind === 'quiz' ? grading().ctx.quizzes.get(id)?.title : grading().ctx.scenarios.get(id)?.title) ?? id;
}
