/**
 * One trainee's session with one quiz: the shared state of the quiz island. The Svelte components
 * only render it and keep UI state (drafts, focus); every rule lives in the quiz engine
 * (src/lib/quiz/) and every record goes through the injected DeviceStore.
 *
 * - load(): finds this quiz's attempts on the device. An unfinished attempt made against the same
 *   quiz id + version + content hash (and still valid for the quiz) is resumed; attempts at other
 *   versions are counted and kept, never resumed or deleted.
 * - start(mode) / retake(mode): a new attempt (newAttempt) with a fresh seed; the display order is
 *   attemptLayout(quiz, seed), so a resumed attempt looks exactly as it did.
 * - answer(id, value) / choose(id, choice): record an answer (role-play: one more choice on the
 *   path) and save the attempt at once. Practice mode locks a question once it is answered (its
 *   feedback is then shown); exam mode lets answers change until finish().
 * - finish(): stamps finishedAt and a copy of gradeAttempt's result, saves; `result` is always
 *   gradeAttempt(quiz, attempt), never a number of its own.
 * - exportFile(): the attempt file (the stored AttemptRecord, src/lib/quiz/attempt-record.ts, without
 *   id/updatedAt) as JSON text, which
 *   `npm run --silent sop -- grade-quiz --json --quiz <id> --answers <file>` grades.
 *
 * Storage failures never stop the quiz: the session keeps going in memory and `problem` holds the
 * DeviceStoreError for the island to show.
 *
 * No work lost:
 * - One tab owns the quiz: load() takes the tab lock "sop-quiz:<id>" (state/tab-lock.ts). Without it
 *   the session is read-only (`readOnly` = 'other-tab': nothing is answered, started or saved) until
 *   takeOver(), which takes the lock from the other tab and reads the device again; the other tab
 *   then turns read-only with `readOnly` = 'taken-over'.
 * - Writes are compare-and-set: before saving, the stored record is read again; when it is not the
 *   one this tab last read or wrote (another tab answered, handed in, or an older tab without the
 *   lock), nothing is written, the stored record is shown instead and `notice` says why. A finished
 *   attempt is never reopened, changed or wiped.
 * - Every save first writes the whole attempt as a draft to localStorage (state/drafts.ts,
 *   synchronous, so a reload right after an answer cannot lose it) and flush() does it again on
 *   `pagehide`; load() takes a draft that is newer than the stored record (and not of a finished
 *   one), stores it and says so (`notice` = 'restored'). A draft is removed once stored.
 */
import type { Question, Quiz } from '../../schemas/quiz.ts';
import type { AnswerValue } from '../../lib/quiz/answers.ts';
import { newAttempt, type Attempt, type AttemptMode } from '../../lib/quiz/attempt.ts';
import { toAttemptFile, type AttemptRecord } from '../../lib/quiz/attempt-record.ts';
import { gradeAttempt, type AttemptResult } from '../../lib/quiz/grade-attempt.ts';
import { gradeQuestion, type QuestionResult } from '../../lib/quiz/grade-question.ts';
import { quizHash } from '../../lib/quiz/hash.ts';
import { attemptLayout, type AttemptLayout } from '../../lib/quiz/layout.ts';
import { parseAttempt } from '../../lib/quiz/parse-attempt.ts';
import { randomSeed } from '../../lib/quiz/random.ts';
import {
  nodesById,
  walkRoleplay,
  type Roleplay,
  type RoleplayChoice,
  type RoleplayNode,
  type RoleplayWalk,
} from '../../lib/quiz/roleplay.ts';
import { toDeviceStoreError, type DeviceStore, type DeviceStoreError } from '../state/device-store.ts';
import { draftKeys, MemoryDrafts, readDraft, removeDraft, writeDraft, type DraftStorage } from '../state/drafts.ts';
import { noTabLock, type TabLock, type TabLockHandle } from '../state/tab-lock.ts';

export type Phase = 'loading' | 'intro' | 'running' | 'finished';
/** Why this tab cannot answer: another tab has the quiz open, or took it over from this one. */
export type ReadOnlyReason = 'other-tab' | 'taken-over';
/** What happened to the attempt outside this tab: changed or handed in elsewhere (not overwritten), restored from a draft. */
export type AttemptNotice = 'changed-elsewhere' | 'finished-elsewhere' | 'restored';

/** The tab lock's name for a quiz. */
export const quizLockName = (quizId: string) => `sop-quiz:${quizId}`;
/** The draft key of an attempt. */
export const attemptDraftKey = (quizId: string, attemptId: string) => `sop-draft:attempt:${quizId}:${attemptId}`;

/** Local calendar date YYYY-MM-DD. */
function localDate(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The export's file name: names the quiz and the day, e.g. sop-quiz-cancel-order-basics-2025-06-01.json. */
export function exportFileName(attempt: Pick<Attempt, 'quiz' | 'startedAt' | 'finishedAt'>): string {
  return `sop-quiz-${attempt.quiz}-${localDate(attempt.finishedAt ?? attempt.startedAt)}.json`;
}

/** The state of a role-play question: the path so far, the node waiting for a choice, its choices. */
export interface RoleplayState {
  question: Roleplay;
  walk: RoleplayWalk;
  /** The node the trainee answers now; undefined once the role-play has ended. */
  node: RoleplayNode | undefined;
  /** That node's choices in this attempt's display order. */
  choices: RoleplayChoice[];
}

export interface QuizSessionOptions {
  store: DeviceStore;
  /** The clock (tests pass a fixed one). */
  now?: () => Date;
  /** Seeds for new attempts (tests pass fixed ones). */
  seed?: () => number;
  /** The tab lock (browserTabLock() in the browser); by default every session owns its quiz. */
  lock?: TabLock;
  /** Where drafts go (localStorage in the browser); by default in memory. */
  drafts?: DraftStorage;
}

const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export class QuizSession {
  readonly quiz: Quiz;
  /** quizHash(quiz): attempts with another hash are not resumed. */
  readonly hash: string;
  #store: DeviceStore;
  #now: () => Date;
  #seed: () => number;
  #questions: Map<string, Question>;
  #lock: TabLock;
  #drafts: DraftStorage;
  #handle: TabLockHandle | null = null;
  /** The stored record as this tab last read or wrote it (JSON): the compare in compare-and-set. */
  #known: string | null = null;
  /** Saves run one after another (each compares with what the previous one wrote). */
  #queue: Promise<unknown> = Promise.resolve();

  /** Non-null: this tab only shows the quiz (another tab owns it); say why and offer takeOver(). */
  readOnly: ReadOnlyReason | null = $state(null);
  /** Something that happened to the attempt outside this tab; null when nothing did. */
  notice: AttemptNotice | null = $state(null);

  phase: Phase = $state('loading');
  /** The attempt being made or just finished (a reactive copy of the stored record). */
  attempt: AttemptRecord | null = $state(null);
  /** Index of the question on screen, in display order. */
  position = $state(0);
  /** True when load() picked up an unfinished attempt from the device. */
  resumed = $state(false);
  /** Attempts at this quiz kept on the device that cannot be resumed (another version, edited content). */
  otherVersions = $state(0);
  /** The latest storage failure, shown by the island; null when storage works. */
  problem: DeviceStoreError | null = $state(null);

  /** Display order of questions, options, items and choices (from the attempt's seed). */
  readonly layout: AttemptLayout | null = $derived.by(() => (this.attempt ? attemptLayout(this.quiz, this.attempt.seed) : null));
  /** The questions in display order. */
  readonly questions: Question[] = $derived(this.layout ? this.layout.questions.flatMap((id) => this.#questions.get(id) ?? []) : []);
  /** The question on screen. */
  readonly current: Question | undefined = $derived(this.questions[this.position]);
  readonly answeredCount: number = $derived(this.questions.filter((q) => this.isAnswered(q.id)).length);
  /** gradeAttempt of the finished attempt; null before finish(). */
  readonly result: AttemptResult | null = $derived.by(() =>
    this.attempt?.finishedAt ? gradeAttempt(this.quiz, { answers: this.attempt.answers }) : null,
  );

  constructor(quiz: Quiz, options: QuizSessionOptions) {
    this.quiz = quiz;
    this.hash = quizHash(quiz);
    this.#store = options.store;
    this.#now = options.now ?? (() => new Date());
    this.#seed = options.seed ?? randomSeed;
    this.#lock = options.lock ?? noTabLock;
    this.#drafts = options.drafts ?? new MemoryDrafts();
    this.#questions = new Map(quiz.questions.map((q) => [q.id, q]));
  }

  question(id: string): Question | undefined {
    return this.#questions.get(id);
  }

  /**
   * Takes the tab lock (read-only without it), then reads the device: resumes this quiz's latest
   * unfinished attempt at the same version + hash, newer drafts merged in.
   */
  async load(): Promise<void> {
    this.#handle?.release();
    this.#handle = await this.#lock.acquire(quizLockName(this.quiz.id), { onLost: () => this.#lost() });
    this.readOnly = this.#handle ? null : 'other-tab';
    await this.#read();
  }

  /** Takes the quiz over from the tab that has it (that tab turns read-only) and reads the device again. */
  async takeOver(): Promise<void> {
    await this.#queue;
    this.#handle?.release();
    this.#handle = await this.#lock.acquire(quizLockName(this.quiz.id), { steal: true, onLost: () => this.#lost() });
    this.readOnly = this.#handle ? null : 'other-tab';
    this.notice = null;
    await this.#read();
  }

  /** Gives up the tab lock (the island is destroyed). */
  dispose(): void {
    this.#handle?.release();
    this.#handle = null;
  }

  /** Writes the attempt in progress as a draft now (the island calls it on `pagehide`). */
  flush(): void {
    if (this.attempt && !this.readOnly && this.phase === 'running') {
      const record = $state.snapshot(this.attempt) as AttemptRecord;
      writeDraft(this.#drafts, attemptDraftKey(this.quiz.id, record.id), record);
    }
  }

  #lost(): void {
    this.readOnly = 'taken-over';
  }

  /** Drafts of this quiz's attempts (whole records), by attempt id. */
  #readDrafts(): Map<string, AttemptRecord> {
    const drafts = new Map<string, AttemptRecord>();
    for (const key of draftKeys(this.#drafts, attemptDraftKey(this.quiz.id, ''))) {
      const d = readDraft<AttemptRecord>(this.#drafts, key);
      if (
        d &&
        typeof d === 'object' &&
        d.quiz === this.quiz.id &&
        typeof d.id === 'string' &&
        key === attemptDraftKey(this.quiz.id, d.id) &&
        typeof d.updatedAt === 'string'
      ) {
        drafts.set(d.id, d);
      } else if (!this.readOnly) removeDraft(this.#drafts, key);
    }
    return drafts;
  }

  async #read(): Promise<void> {
    let records: AttemptRecord[] = [];
    try {
      records = (await this.#store.list<AttemptRecord>('attempts')).filter((r) => r?.quiz === this.quiz.id);
    } catch (err) {
      this.#fail(err, 'list');
    }
    const stored = new Map(records.map((r) => [r.id, r]));
    // Drafts newer than the stored record (never over a finished one) win; the owner stores them.
    const restored = new Set<string>();
    for (const [id, draft] of this.#readDrafts()) {
      const record = stored.get(id);
      const key = attemptDraftKey(this.quiz.id, id);
      if (record && (record.finishedAt || draft.updatedAt <= record.updatedAt)) {
        if (!this.readOnly) removeDraft(this.#drafts, key);
        continue;
      }
      restored.add(id);
      if (!this.readOnly) {
        try {
          const current = await this.#store.get<AttemptRecord>('attempts', id);
          if (current && JSON.stringify(current) !== JSON.stringify(record)) {
            restored.delete(id);
            continue;
          }
          await this.#store.put('attempts', draft);
          removeDraft(this.#drafts, key);
        } catch (err) {
          this.#fail(err, 'put');
        }
      }
      stored.set(id, draft);
    }
    records = [...stored.values()];
    // Resumable: same version and content, and still a valid attempt file for this quiz.
    const usable = records.filter(
      (r) =>
        r.quizVersion === this.quiz.version &&
        r.quizHash === this.hash &&
        typeof r.id === 'string' &&
        parseAttempt(JSON.stringify(toAttemptFile(r)), this.quiz).ok,
    );
    this.otherVersions = records.length - usable.length;
    const open = usable
      .filter((r) => !r.finishedAt)
      .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0))[0];
    if (open) {
      this.attempt = open;
      this.#known = JSON.stringify(open);
      this.resumed = true;
      if (restored.has(open.id)) this.notice = 'restored';
      this.position = this.#firstOpen();
      this.phase = 'running';
    } else {
      this.attempt = null;
      this.#known = null;
      this.resumed = false;
      this.phase = 'intro';
    }
  }

  /** Starts a new attempt (a new seed, so a new order). Earlier attempts stay on the device. */
  async start(mode: AttemptMode): Promise<void> {
    if (this.readOnly) return;
    await this.#queue;
    const startedAt = this.#now();
    const attempt = newAttempt(this.quiz, { seed: this.#seed(), mode, startedAt });
    this.attempt = {
      id: `${this.quiz.id}-${startedAt.getTime().toString(36)}-${attempt.seed.toString(16).padStart(8, '0')}`,
      updatedAt: startedAt.toISOString(),
      ...attempt,
    };
    this.#known = null;
    this.position = 0;
    this.resumed = false;
    this.notice = null;
    this.phase = 'running';
    await this.#save();
  }

  /** A new attempt after finishing (or abandoning) one: same mode unless another is given. */
  retake(mode: AttemptMode = this.attempt?.mode ?? 'practice'): Promise<void> {
    return this.start(mode);
  }

  /** The answer stored for a question (undefined when unanswered). */
  answerOf(id: string): AnswerValue | undefined {
    const answers = this.attempt?.answers;
    return answers && Object.hasOwn(answers, id) ? answers[id] : undefined;
  }

  /** Answered: an answer is stored; a role-play only once its path has reached an ending. */
  isAnswered(id: string): boolean {
    const q = this.#questions.get(id);
    const value = this.answerOf(id);
    if (!q || value === undefined || value === null) return false;
    if (q.type === 'roleplay') return Array.isArray(value) && walkRoleplay(q, value).finished;
    return true;
  }

  /** Practice mode: an answered question cannot be changed (its feedback has been shown). */
  isLocked(id: string): boolean {
    if (this.phase === 'finished' || this.readOnly) return true;
    return this.attempt?.mode === 'practice' && this.isAnswered(id);
  }

  /** Feedback is shown right after answering in practice mode, and for everything once finished. */
  showsFeedback(id: string): boolean {
    if (this.phase === 'finished') return true;
    return this.attempt?.mode === 'practice' && this.isAnswered(id);
  }

  /** The engine's grading of one question for the answer stored now. */
  gradeOf(id: string): QuestionResult | undefined {
    const q = this.#questions.get(id);
    return q ? gradeQuestion(q, this.answerOf(id)) : undefined;
  }

  /**
   * Records the answer to a non-role-play question and saves. null, "" (typed), [] (multiple)
   * clear it. Returns false when nothing changed (no attempt, finished, locked, unknown question).
   */
  async answer(id: string, value: AnswerValue): Promise<boolean> {
    const q = this.#questions.get(id);
    if (!this.attempt || this.phase !== 'running' || !q || q.type === 'roleplay' || this.isLocked(id)) return false;
    const empty =
      value === null ||
      (typeof value === 'string' && !value.trim()) ||
      (q.type === 'multiple' && Array.isArray(value) && value.length === 0);
    if (empty) delete this.attempt.answers[id];
    else this.attempt.answers[id] = Array.isArray(value) ? [...value] : value;
    return this.#save();
  }

  /** The role-play's path so far and the node waiting for the next choice. */
  roleplay(id: string): RoleplayState | undefined {
    const q = this.#questions.get(id);
    if (!q || q.type !== 'roleplay') return undefined;
    const value = this.answerOf(id);
    const path = Array.isArray(value) ? value : [];
    const walk = walkRoleplay(q, path);
    let node: RoleplayNode | undefined;
    if (!walk.finished && !walk.error) {
      const last = walk.steps.at(-1);
      const nodes = nodesById(q);
      const nextId = last ? nodes.get(last.node)?.choices.find((c) => c.id === last.choice)?.next : q.start;
      node = nextId === undefined ? undefined : nodes.get(nextId);
    }
    const order = node ? (this.layout?.choices[id]?.[node.id] ?? node.choices.map((c) => c.id)) : [];
    const choices = node ? order.flatMap((cid) => node.choices.find((c) => c.id === cid) ?? []) : [];
    return { question: q, walk, node, choices };
  }

  /** Takes one more choice in a role-play (choices are final, as in a real conversation) and saves. */
  async choose(id: string, choiceId: string): Promise<boolean> {
    const state = this.roleplay(id);
    if (!this.attempt || this.phase !== 'running' || this.readOnly || !state?.node) return false;
    if (!state.node.choices.some((c) => c.id === choiceId)) return false;
    const path = state.walk.steps.map((s) => s.choice);
    this.attempt.answers[id] = [...path, choiceId];
    return this.#save();
  }

  goTo(position: number): void {
    this.position = Math.max(0, Math.min(this.questions.length - 1, position));
  }

  next(): void {
    this.goTo(this.position + 1);
  }

  prev(): void {
    this.goTo(this.position - 1);
  }

  get isLast(): boolean {
    return this.position >= this.questions.length - 1;
  }

  get unansweredCount(): number {
    return this.questions.length - this.answeredCount;
  }

  /** Hands the attempt in: finishedAt, a copy of the result, saved. */
  async finish(): Promise<void> {
    if (!this.attempt || this.phase !== 'running' || this.readOnly) return;
    const finishedAt = this.#now();
    const result = gradeAttempt(this.quiz, { answers: this.attempt.answers });
    this.attempt.finishedAt = finishedAt.toISOString();
    // A plain JSON copy, as it will be in the file (the file's `result` is informative only).
    this.attempt.result = plain(result) as unknown as NonNullable<Attempt['result']>;
    this.phase = 'finished';
    await this.#save(finishedAt);
  }

  /** The attempt as the downloadable file: name and JSON text (exact attempt format). */
  exportFile(): { name: string; text: string } | undefined {
    if (!this.attempt) return undefined;
    const file = toAttemptFile($state.snapshot(this.attempt) as AttemptRecord);
    return { name: exportFileName(file), text: `${JSON.stringify(file, null, 2)}\n` };
  }

  /** Position of the first unanswered question (the last one when all are answered). */
  #firstOpen(): number {
    const i = this.questions.findIndex((q) => !this.isAnswered(q.id));
    return i === -1 ? Math.max(0, this.questions.length - 1) : i;
  }

  /**
   * Saves the attempt: draft first (synchronous), then compare-and-set in the device store. Returns
   * false when nothing was saved because another tab changed or finished the attempt (the stored
   * one is then shown, with `notice`) or this tab is read-only.
   */
  #save(at: Date = this.#now()): Promise<boolean> {
    if (!this.attempt || this.readOnly) return Promise.resolve(false);
    // updatedAt only moves forward, so a newer draft is always told from an older record.
    const before = Date.parse(this.attempt.updatedAt);
    this.attempt.updatedAt = new Date(Number.isFinite(before) && before >= at.getTime() ? before + 1 : at.getTime()).toISOString();
    const record = $state.snapshot(this.attempt) as AttemptRecord;
    const key = attemptDraftKey(this.quiz.id, record.id);
    writeDraft(this.#drafts, key, record);
    const run = this.#queue.then(() => this.#compareAndSet(record, key));
    this.#queue = run;
    return run;
  }

  async #compareAndSet(record: AttemptRecord, key: string): Promise<boolean> {
    if (this.readOnly === 'other-tab') return false;
    try {
      const current = await this.#store.get<AttemptRecord>('attempts', record.id);
      const text = current === undefined ? null : JSON.stringify(current);
      if (current && text !== this.#known && text !== JSON.stringify(record)) {
        // Another tab changed or handed in this attempt: keep its record, show it, say so.
        removeDraft(this.#drafts, key);
        this.#known = text;
        if (this.attempt?.id === record.id) {
          this.attempt = current;
          this.phase = current.finishedAt ? 'finished' : 'running';
        }
        this.notice = current.finishedAt ? 'finished-elsewhere' : 'changed-elsewhere';
        return false;
      }
      await this.#store.put('attempts', record);
      this.#known = JSON.stringify(record);
      if (readDraft<AttemptRecord>(this.#drafts, key)?.updatedAt === record.updatedAt) removeDraft(this.#drafts, key);
      if (this.problem?.reason === 'quota' || this.problem?.reason === 'failed') this.problem = null;
      return true;
    } catch (err) {
      this.#fail(err, 'put');
      return true;
    }
  }

  #fail(err: unknown, during: string): void {
    this.problem = toDeviceStoreError(err, during);
  }

  /** Sets a problem found outside the session (e.g. openDeviceStore fell back to memory). */
  report(problem: DeviceStoreError | null): void {
    if (problem) this.problem = problem;
  }
}
