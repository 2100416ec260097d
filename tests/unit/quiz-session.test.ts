/**
 * The quiz island's session class (src/components/quiz/quiz-session.svelte.ts) over the in-memory
 * device store: answering, saving after every answer, resuming, not resuming other versions, and
 * a result that is exactly gradeAttempt's (and the CLI's, for the exported file).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { QuizSession, exportFileName } from '../../src/components/quiz/quiz-session.svelte.ts';
import { toAttemptFile, type AttemptRecord } from '../../src/lib/quiz/attempt-record.ts';
import { DeviceStoreError, MemoryDeviceStore, openDeviceStore, type DeviceStore } from '../../src/components/state/device-store.ts';
import { attemptLayout } from '../../src/lib/quiz/layout.ts';
import { bestRoleplayPath } from '../../src/lib/quiz/roleplay.ts';
import { gradeAttempt } from '../../src/lib/quiz/grade-attempt.ts';
import { parseAttempt } from '../../src/lib/quiz/parse-attempt.ts';
import type { Roleplay } from '../../src/lib/quiz/roleplay.ts';
import type { Quiz } from '../../src/schemas/quiz.ts';
import { FIXTURE_ROOT, fixtureQuiz } from './quiz-helpers.ts';
import { runSop } from './cli-helpers.ts';

const quiz = fixtureQuiz('first-reply-basics');
const roleplayQ = quiz.questions.find((q): q is Roleplay => q.type === 'roleplay')!;

/** A clock that moves one second per call, from a fixed start. */
function clock(start = Date.parse('2025-06-01T08:00:00.000Z')) {
  let t = start;
  return () => new Date((t += 1000));
}

function session(store: DeviceStore, options: { quiz?: Quiz; seed?: number } = {}) {
  return new QuizSession(options.quiz ?? quiz, { store, now: clock(), seed: () => options.seed ?? 20250601 });
}

const stored = async (store: DeviceStore) => store.list<AttemptRecord>('attempts');

describe('QuizSession: starting and answering', () => {
  it('starts in the intro when the device has nothing, then saves a new attempt in the attempt format', async () => {
    const store = new MemoryDeviceStore();
    const s = session(store);
    expect(s.phase).toBe('loading');
    await s.load();
    expect(s.phase).toBe('intro');
    await s.start('practice');
    expect(s.phase).toBe('running');
    const [record] = await stored(store);
    expect(record).toMatchObject({
      format: 'sop-quiz-attempt',
      formatVersion: 1,
      quiz: quiz.id,
      quizVersion: quiz.version,
      quizHash: s.hash,
      seed: 20250601,
      mode: 'practice',
      answers: {},
    });
    expect(record!.id).toMatch(/^first-reply-basics-[0-9a-z]+-0134ffe9$/);
    expect(record!.updatedAt).toMatch(/^2025-06-01T08:00:0\dZ|^2025-06-01T08:00:0\d\.000Z$/);
    expect(parseAttempt(JSON.stringify(toAttemptFile(record!)), quiz)).toMatchObject({ ok: true });
  });

  it('shows the questions in the seeded layout order', async () => {
    const s = session(new MemoryDeviceStore());
    await s.load();
    await s.start('exam');
    expect(s.questions.map((q) => q.id)).toEqual(attemptLayout(quiz, 20250601).questions);
    expect(s.current?.id).toBe(s.questions[0]!.id);
    s.next();
    expect(s.current?.id).toBe(s.questions[1]!.id);
    s.prev();
    s.prev();
    expect(s.position).toBe(0);
  });

  it('saves after every answer; practice mode locks an answered question and shows its feedback', async () => {
    const store = new MemoryDeviceStore();
    const s = session(store);
    await s.load();
    await s.start('practice');
    expect(s.showsFeedback('polite-greeting')).toBe(false);
    expect(await s.answer('polite-greeting', 'a')).toBe(true);
    expect((await stored(store))[0]!.answers).toEqual({ 'polite-greeting': 'a' });
    expect(s.isLocked('polite-greeting')).toBe(true);
    expect(s.showsFeedback('polite-greeting')).toBe(true);
    expect(s.gradeOf('polite-greeting')).toMatchObject({ correct: false, score: 0, answer: 'b' });
    // Locked: a second answer changes nothing.
    expect(await s.answer('polite-greeting', 'b')).toBe(false);
    expect((await stored(store))[0]!.answers['polite-greeting']).toBe('a');
    expect(s.answeredCount).toBe(1);
  });

  it('exam mode lets answers change, shows no feedback, and clears empty answers', async () => {
    const store = new MemoryDeviceStore();
    const s = session(store);
    await s.load();
    await s.start('exam');
    await s.answer('polite-greeting', 'a');
    await s.answer('polite-greeting', 'b');
    await s.answer('first-reply-seconds', '十五秒');
    await s.answer('banned-phrases', ['a']);
    expect(s.showsFeedback('polite-greeting')).toBe(false);
    expect((await stored(store))[0]!.answers).toEqual({ 'polite-greeting': 'b', 'first-reply-seconds': '十五秒', 'banned-phrases': ['a'] });
    await s.answer('first-reply-seconds', '   ');
    await s.answer('banned-phrases', []);
    expect((await stored(store))[0]!.answers).toEqual({ 'polite-greeting': 'b' });
    expect(s.answeredCount).toBe(1);
  });

  it('keeps typed text as typed (HTML included) and ignores role-plays in answer()', async () => {
    const store = new MemoryDeviceStore();
    const s = session(store);
    await s.load();
    await s.start('exam');
    await s.answer('first-reply-seconds', '<img src=x onerror=alert(1)>');
    expect(s.answerOf('first-reply-seconds')).toBe('<img src=x onerror=alert(1)>');
    expect(await s.answer(roleplayQ.id, ['warm-greet'])).toBe(false);
    expect(s.answerOf(roleplayQ.id)).toBeUndefined();
  });

  it('walks a role-play one choice at a time, in the layout order, until an ending', async () => {
    const store = new MemoryDeviceStore();
    const s = session(store);
    await s.load();
    await s.start('practice');
    let rp = s.roleplay(roleplayQ.id)!;
    expect(rp.node?.id).toBe('greet');
    expect(rp.choices.map((c) => c.id)).toEqual(attemptLayout(quiz, 20250601).choices[roleplayQ.id]!.greet);
    expect(await s.choose(roleplayQ.id, 'no-such-choice')).toBe(false);
    await s.choose(roleplayQ.id, 'warm-greet');
    rp = s.roleplay(roleplayQ.id)!;
    expect(rp.node?.id).toBe('explain-value');
    expect(rp.walk.total).toBe(2);
    expect(s.isAnswered(roleplayQ.id)).toBe(false);
    expect((await stored(store))[0]!.answers[roleplayQ.id]).toEqual(['warm-greet']);
    await s.choose(roleplayQ.id, 'value-and-gift');
    await s.choose(roleplayQ.id, 'confirm');
    rp = s.roleplay(roleplayQ.id)!;
    expect(rp.node).toBeUndefined();
    expect(rp.walk.ending?.id).toBe('order-placed');
    expect(s.isAnswered(roleplayQ.id)).toBe(true);
    expect(await s.choose(roleplayQ.id, 'confirm')).toBe(false);
    expect(s.gradeOf(roleplayQ.id)).toMatchObject({ score: 7, max: 7, correct: true });
    expect(bestRoleplayPath(roleplayQ)?.steps.map((x) => x.choice)).toEqual(['warm-greet', 'value-and-gift', 'confirm']);
  });
});

describe('QuizSession: resuming', () => {
  it('resumes the unfinished attempt after a reload, at the first unanswered question', async () => {
    const store = new MemoryDeviceStore();
    const first = session(store);
    await first.load();
    await first.start('practice');
    const [q1, q2] = first.questions;
    for (const q of [q1!, q2!]) {
      if (q.type === 'roleplay') {
        for (const step of bestRoleplayPath(q)!.steps) await first.choose(q.id, step.choice);
      } else
        await first.answer(
          q.id,
          q.type === 'truefalse' ? true : q.type === 'multiple' ? ['a'] : q.type === 'ordering' ? q.items.map((i) => i.id) : 'a',
        );
    }
    first.next();
    first.next();

    const again = session(store, { seed: 1 });
    await again.load();
    expect(again.phase).toBe('running');
    expect(again.resumed).toBe(true);
    expect(again.attempt?.id).toBe(first.attempt?.id);
    expect(again.attempt?.seed).toBe(20250601);
    expect(again.questions.map((q) => q.id)).toEqual(first.questions.map((q) => q.id));
    expect(again.position).toBe(2);
    expect(again.attempt?.answers).toEqual(first.attempt?.answers);
    expect(again.isLocked(q1!.id)).toBe(true);
  });

  it('resumes a role-play in the middle of the conversation', async () => {
    const store = new MemoryDeviceStore();
    const first = session(store);
    await first.load();
    await first.start('exam');
    await first.choose(roleplayQ.id, 'quick-discount');
    const again = session(store);
    await again.load();
    expect(again.roleplay(roleplayQ.id)?.node?.id).toBe('push-more');
    expect(again.questions[again.position]?.id).toBe(again.questions[0]!.id);
  });

  it('does not resume an attempt made against another version, and keeps it', async () => {
    const store = new MemoryDeviceStore();
    const old = session(store);
    await old.load();
    await old.start('practice');
    await old.answer('polite-greeting', 'b');
    const oldId = old.attempt!.id;

    const v2: Quiz = { ...quiz, version: quiz.version + 1 };
    const s = session(store, { quiz: v2, seed: 7 });
    await s.load();
    expect(s.phase).toBe('intro');
    expect(s.resumed).toBe(false);
    expect(s.otherVersions).toBe(1);
    await s.start('practice');
    const ids = (await stored(store)).map((r) => r.id);
    expect(ids).toContain(oldId);
    expect(ids).toHaveLength(2);
    expect((await store.get<AttemptRecord>('attempts', oldId))?.answers).toEqual({ 'polite-greeting': 'b' });
  });

  it('does not resume when the content changed without a version bump (hash differs)', async () => {
    const store = new MemoryDeviceStore();
    const old = session(store);
    await old.load();
    await old.start('practice');
    const edited: Quiz = { ...quiz, passMark: 60 };
    const s = session(store, { quiz: edited });
    await s.load();
    expect(s.phase).toBe('intro');
    expect(s.otherVersions).toBe(1);
  });

  it('does not resume a finished attempt, nor another quiz’s', async () => {
    const store = new MemoryDeviceStore();
    const done = session(store);
    await done.load();
    await done.start('exam');
    await done.finish();
    const mini = fixtureQuiz('first-reply-mini');
    const other = session(store, { quiz: mini });
    await other.load();
    await other.start('exam');
    const s = session(store);
    await s.load();
    expect(s.phase).toBe('intro');
    expect(s.otherVersions).toBe(0);
  });
});

describe('QuizSession: result and export', () => {
  const sample = {
    'first-reply-seconds': '十五 秒',
    'polite-greeting': 'b',
    'banned-phrases': ['a'],
    'reply-order': ['greet', 'recommend', 'ask-need', 'confirm-order'],
    'discount-fifty': false,
  };
  const tmp = mkdtempSync(join(tmpdir(), 'quiz-session-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  async function finished(mode: 'practice' | 'exam') {
    const store = new MemoryDeviceStore();
    const s = session(store);
    await s.load();
    await s.start(mode);
    for (const [id, value] of Object.entries(sample)) await s.answer(id, value);
    await s.choose(roleplayQ.id, 'quick-discount');
    await s.choose(roleplayQ.id, 'gift');
    await s.finish();
    return { s, store };
  }

  it('the result is exactly gradeAttempt of the answers, and is stored with finishedAt', async () => {
    const { s, store } = await finished('exam');
    const answers = { ...sample, [roleplayQ.id]: ['quick-discount', 'gift'] };
    const expected = gradeAttempt(quiz, { answers });
    expect(s.phase).toBe('finished');
    expect(s.result).toEqual(expected);
    expect(s.result).toMatchObject({ score: 8.67, max: 13, percent: 66.7, grade: 'D', passed: false });
    const [record] = await stored(store);
    expect(record!.finishedAt).toBeDefined();
    expect(record!.result).toEqual(JSON.parse(JSON.stringify(expected)));
    // Everything shows feedback once finished, and nothing can change.
    expect(s.showsFeedback('polite-greeting')).toBe(true);
    expect(await s.answer('polite-greeting', 'a')).toBe(false);
  });

  it('exports the exact attempt format, which the CLI grades to the same result', async () => {
    const { s } = await finished('practice');
    const file = s.exportFile()!;
    expect(file.name).toBe(exportFileName(s.attempt!));
    expect(file.name).toMatch(/^sop-quiz-first-reply-basics-\d{4}-\d{2}-\d{2}\.json$/);
    const json = JSON.parse(file.text);
    expect(Object.keys(json)).toEqual([
      'format',
      'formatVersion',
      'quiz',
      'quizVersion',
      'quizHash',
      'seed',
      'mode',
      'startedAt',
      'finishedAt',
      'answers',
      'result',
    ]);
    expect(json).not.toHaveProperty('id');
    expect(json).not.toHaveProperty('updatedAt');
    const parsed = parseAttempt(file.text, quiz);
    expect(parsed.ok).toBe(true);

    const path = join(tmp, file.name);
    writeFileSync(path, file.text);
    const r = runSop(FIXTURE_ROOT, ['grade-quiz', '--json', '--quiz', quiz.id, '--answers', path]);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual(s.result);
  });

  it('retake starts a new attempt with a new seed and keeps the finished one', async () => {
    const { s, store } = await finished('exam');
    const firstId = s.attempt!.id;
    let n = 99;
    const again = new QuizSession(quiz, { store, now: clock(Date.parse('2025-06-02T08:00:00Z')), seed: () => n++ });
    await again.load();
    await again.retake('practice');
    expect(again.attempt!.seed).toBe(99);
    expect(again.attempt!.mode).toBe('practice');
    expect(again.attempt!.id).not.toBe(firstId);
    expect((await stored(store)).map((r) => r.id)).toContain(firstId);
  });
});

describe('QuizSession: storage problems are reported, not swallowed', () => {
  class FullStore extends MemoryDeviceStore {
    override async put(): Promise<void> {
      throw Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
    }
  }

  it('a failed save sets `problem` (quota) and the quiz goes on in memory', async () => {
    const s = session(new FullStore());
    await s.load();
    await s.start('practice');
    expect(s.problem).toBeInstanceOf(DeviceStoreError);
    expect(s.problem?.reason).toBe('quota');
    expect(await s.answer('polite-greeting', 'b')).toBe(true);
    expect(s.gradeOf('polite-greeting')?.correct).toBe(true);
  });

  it('a failed read sets `problem` and starts fresh', async () => {
    class Broken extends MemoryDeviceStore {
      override async list<T>(): Promise<T[]> {
        throw Object.assign(new Error('Internal error opening backing store'), { name: 'UnknownError' });
      }
    }
    const s = session(new Broken());
    await s.load();
    expect(s.phase).toBe('intro');
    expect(s.problem?.reason).toBe('failed');
  });
});

describe('device store', () => {
  it('the in-memory store gets, puts, lists (in key order) and deletes copies', async () => {
    const store = new MemoryDeviceStore();
    await store.put('meta', { id: 'b', value: 2 });
    await store.put('meta', { id: 'a', value: 1 });
    const got = await store.get<{ id: string; value: number }>('meta', 'a');
    expect(got).toEqual({ id: 'a', value: 1 });
    got!.value = 5;
    expect((await store.get<{ id: string; value: number }>('meta', 'a'))!.value).toBe(1);
    expect((await store.list('meta')).map((r) => r.id)).toEqual(['a', 'b']);
    expect(await store.list('attempts')).toEqual([]);
    await store.delete('meta', 'a');
    expect(await store.get('meta', 'a')).toBeUndefined();
  });

  it('the in-memory store refuses what IndexedDB would refuse', async () => {
    const store = new MemoryDeviceStore();
    await expect(store.put('meta', { id: 'f', fn: () => 1 })).rejects.toBeInstanceOf(DeviceStoreError);
    await expect(store.put('meta', { id: '' })).rejects.toBeInstanceOf(DeviceStoreError);
  });

  it('openDeviceStore falls back to memory, with the reason, when there is no IndexedDB', async () => {
    const { store, problem } = await openDeviceStore({ indexedDB: null });
    expect(store.kind).toBe('memory');
    expect(problem?.reason).toBe('unavailable');
  });

  it('openDeviceStore reports a refused open (private mode) and a blocked upgrade', async () => {
    const refusing = {
      open() {
        throw Object.assign(new Error('The user denied permission to access the database.'), { name: 'SecurityError' });
      },
    } as unknown as IDBFactory;
    expect((await openDeviceStore({ indexedDB: refusing })).problem?.reason).toBe('unavailable');

    const blocking = {
      open() {
        const request = {} as IDBOpenDBRequest & { onblocked: ((e: unknown) => void) | null };
        setTimeout(() => request.onblocked?.({}), 0);
        return request;
      },
    } as unknown as IDBFactory;
    const blocked = await openDeviceStore({ indexedDB: blocking });
    expect(blocked.store.kind).toBe('memory');
    expect(blocked.problem?.reason).toBe('blocked');
  });
});
