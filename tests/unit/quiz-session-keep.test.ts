/**
 * No work lost in the quiz island (issue 12, item 5): one tab owns a quiz, a second tab is
 * read-only until it takes over; writes are compare-and-set, so a tab never overwrites another
 * tab's answers and a handed-in attempt is never reopened, changed or wiped; the answer given just
 * before a reload survives as a localStorage draft. Every test here is an attack that passed
 * silently before (the second tab answered, overwrote, reopened; the answer was lost).
 */
import { describe, expect, it } from 'vitest';
import { QuizSession, attemptDraftKey, quizLockName } from '../../src/components/quiz/quiz-session.svelte.ts';
import type { AttemptRecord } from '../../src/lib/quiz/attempt-record.ts';
import { MemoryDeviceStore, type DeviceStore } from '../../src/components/state/device-store.ts';
import { MemoryDrafts } from '../../src/components/state/drafts.ts';
import { MemoryTabLocks, noTabLock, type TabLock } from '../../src/components/state/tab-lock.ts';
import { fixtureQuiz } from './quiz-helpers.ts';

const quiz = fixtureQuiz('first-reply-basics');

function clock(start = Date.parse('2025-06-01T08:00:00.000Z')) {
  let t = start;
  return () => new Date((t += 1000));
}

function tab(store: DeviceStore, lock: TabLock = noTabLock, drafts = new MemoryDrafts()) {
  return new QuizSession(quiz, { store, lock, drafts, now: clock(), seed: () => 20250601 });
}

const stored = async (store: DeviceStore) => store.list<AttemptRecord>('attempts');

/** A store whose writes never commit (the page is reloaded before IndexedDB finishes). */
function losingWrites(store: DeviceStore): DeviceStore {
  return {
    kind: store.kind,
    get: store.get.bind(store),
    list: store.list.bind(store),
    delete: store.delete.bind(store),
    put: () => new Promise<void>(() => {}),
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('QuizSession: one tab owns the quiz', () => {
  it('a second tab on the same quiz is read-only: it cannot start, answer or hand in', async () => {
    const store = new MemoryDeviceStore();
    const locks = new MemoryTabLocks();
    const one = tab(store, locks.tab());
    await one.load();
    await one.start('exam');
    await one.answer('polite-greeting', 'b');
    const two = tab(store, locks.tab());
    await two.load();
    expect(two.readOnly).toBe('other-tab');
    expect(two.phase).toBe('running');
    expect(two.answerOf('polite-greeting')).toBe('b');
    expect(two.isLocked('polite-greeting')).toBe(true);
    expect(await two.answer('polite-greeting', 'a')).toBe(false);
    await two.finish();
    expect(two.phase).toBe('running');
    const [record] = await stored(store);
    expect(record!.answers).toEqual({ 'polite-greeting': 'b' });
    expect(record!.finishedAt).toBeUndefined();
  });

  it('a read-only tab on the intro cannot start a second attempt', async () => {
    const store = new MemoryDeviceStore();
    const locks = new MemoryTabLocks();
    const one = tab(store, locks.tab());
    await one.load();
    const two = tab(store, locks.tab());
    await two.load();
    expect(two.readOnly).toBe('other-tab');
    await two.start('exam');
    expect(two.phase).toBe('intro');
    expect(await stored(store)).toEqual([]);
  });

  it('taking over: the second tab reads the latest answers and owns the quiz; the first turns read-only and says why', async () => {
    const store = new MemoryDeviceStore();
    const locks = new MemoryTabLocks();
    const one = tab(store, locks.tab());
    await one.load();
    await one.start('exam');
    const two = tab(store, locks.tab());
    await two.load();
    await one.answer('polite-greeting', 'b');
    await two.takeOver();
    expect(locks.ownerOf(quizLockName(quiz.id))).toBe(2);
    expect(two.readOnly).toBeNull();
    expect(two.answerOf('polite-greeting')).toBe('b');
    expect(one.readOnly).toBe('taken-over');
    expect(await one.answer('polite-greeting', 'a')).toBe(false);
    expect(await two.answer('first-reply-seconds', '15')).toBe(true);
    expect((await stored(store))[0]!.answers).toEqual({ 'polite-greeting': 'b', 'first-reply-seconds': '15' });
    // And back: the first tab takes over again and sees the second tab's answer.
    await one.takeOver();
    expect(one.readOnly).toBeNull();
    expect(one.answerOf('first-reply-seconds')).toBe('15');
    expect(two.readOnly).toBe('taken-over');
  });

  it('dispose() gives the lock up, so the next tab owns the quiz', async () => {
    const store = new MemoryDeviceStore();
    const locks = new MemoryTabLocks();
    const one = tab(store, locks.tab());
    await one.load();
    one.dispose();
    const two = tab(store, locks.tab());
    await two.load();
    expect(two.readOnly).toBeNull();
  });
});

describe('QuizSession: compare-and-set writes (no lock: e.g. a browser without Web Locks)', () => {
  it('two tabs on one attempt: the stale tab does not overwrite the other tab’s answer, shows it and says so', async () => {
    const store = new MemoryDeviceStore();
    const one = tab(store);
    await one.load();
    await one.start('exam');
    const two = tab(store);
    await two.load();
    expect(two.attempt?.id).toBe(one.attempt?.id);
    expect(await two.answer('polite-greeting', 'b')).toBe(true);
    // The first tab still shows the attempt without that answer; its save must not wipe it.
    expect(await one.answer('first-reply-seconds', '15')).toBe(false);
    expect(one.notice).toBe('changed-elsewhere');
    expect(one.answerOf('polite-greeting')).toBe('b');
    expect((await stored(store))[0]!.answers).toEqual({ 'polite-greeting': 'b' });
    // Now up to date, the first tab's next answer is saved on top of the other tab's.
    expect(await one.answer('first-reply-seconds', '15')).toBe(true);
    expect((await stored(store))[0]!.answers).toEqual({ 'polite-greeting': 'b', 'first-reply-seconds': '15' });
  });

  it('a handed-in exam is never reopened, changed or wiped by the other tab', async () => {
    const store = new MemoryDeviceStore();
    const one = tab(store);
    await one.load();
    await one.start('exam');
    await one.answer('polite-greeting', 'b');
    const two = tab(store);
    await two.load();
    await one.finish();
    const handedIn = (await stored(store))[0]!;
    expect(handedIn.finishedAt).toBeDefined();
    // The other tab still shows the running attempt: answering, clearing and handing in change nothing.
    expect(await two.answer('polite-greeting', null)).toBe(false);
    expect(two.notice).toBe('finished-elsewhere');
    expect(two.phase).toBe('finished');
    expect(two.result?.score).toBe(one.result?.score);
    await two.finish();
    expect(await two.answer('polite-greeting', 'a')).toBe(false);
    expect(await stored(store)).toEqual([handedIn]);
  });

  it('a tab that hands in late does not replace the other tab’s hand-in', async () => {
    const store = new MemoryDeviceStore();
    const one = tab(store);
    await one.load();
    await one.start('exam');
    const two = tab(store);
    await two.load();
    await one.answer('polite-greeting', 'b');
    await one.finish();
    const handedIn = (await stored(store))[0]!;
    await two.finish();
    expect(await stored(store)).toEqual([handedIn]);
    expect(two.notice).toBe('finished-elsewhere');
    expect(two.answerOf('polite-greeting')).toBe('b');
  });
});

describe('QuizSession: an answer survives a reload (drafts)', () => {
  it('the answer given just before a reload is back after it, though the IndexedDB write was lost', async () => {
    const store = new MemoryDeviceStore();
    const drafts = new MemoryDrafts();
    const before = tab(store, noTabLock, drafts);
    await before.load();
    await before.start('exam');
    const lossy = tab(losingWrites(store), noTabLock, drafts);
    await lossy.load();
    void lossy.answer('polite-greeting', 'b');
    await settle();
    expect((await stored(store))[0]!.answers).toEqual({});
    // Reload.
    const after = tab(store, noTabLock, drafts);
    await after.load();
    expect(after.phase).toBe('running');
    expect(after.answerOf('polite-greeting')).toBe('b');
    expect(after.notice).toBe('restored');
    // The draft is now stored, and removed.
    expect((await stored(store))[0]!.answers).toEqual({ 'polite-greeting': 'b' });
    expect(drafts.length).toBe(0);
  });

  it('an attempt started just before a reload (never stored) comes back from its draft', async () => {
    const store = new MemoryDeviceStore();
    const drafts = new MemoryDrafts();
    const lossy = tab(losingWrites(store), noTabLock, drafts);
    await lossy.load();
    void lossy.start('practice');
    await settle();
    void lossy.answer('polite-greeting', 'a');
    await settle();
    expect(await stored(store)).toEqual([]);
    const after = tab(store, noTabLock, drafts);
    await after.load();
    expect(after.attempt?.id).toBe(lossy.attempt?.id);
    expect(after.answerOf('polite-greeting')).toBe('a');
    expect(await stored(store)).toHaveLength(1);
  });

  it('flush() (pagehide) writes the attempt in progress as a draft', async () => {
    const store = new MemoryDeviceStore();
    const drafts = new MemoryDrafts();
    const s = tab(store, noTabLock, drafts);
    await s.load();
    await s.start('exam');
    expect(drafts.length).toBe(0);
    s.flush();
    expect(drafts.getItem(attemptDraftKey(quiz.id, s.attempt!.id))).toContain('"format":"sop-quiz-attempt"');
  });

  it('a draft never reopens or changes a handed-in attempt, and an older draft never wins', async () => {
    const store = new MemoryDeviceStore();
    const drafts = new MemoryDrafts();
    const s = tab(store, noTabLock, drafts);
    await s.load();
    await s.start('exam');
    await s.answer('polite-greeting', 'b');
    const open = $stateSnapshot(s.attempt!);
    await s.finish();
    const handedIn = (await stored(store))[0]!;
    // A stale (even newer-looking) draft of the running attempt with other answers.
    drafts.setItem(attemptDraftKey(quiz.id, open.id), JSON.stringify({ ...open, updatedAt: '2099-01-01T00:00:00.000Z', answers: {} }));
    const after = tab(store, noTabLock, drafts);
    await after.load();
    expect(after.phase).toBe('intro');
    expect(await stored(store)).toEqual([handedIn]);
    expect(drafts.length).toBe(0);
  });

  it('a read-only tab neither stores nor removes the owner’s drafts', async () => {
    const store = new MemoryDeviceStore();
    const drafts = new MemoryDrafts();
    const locks = new MemoryTabLocks();
    const owner = tab(losingWrites(store), locks.tab(), drafts);
    await owner.load();
    void owner.start('exam');
    await settle();
    void owner.answer('polite-greeting', 'b');
    await settle();
    const other = tab(store, locks.tab(), drafts);
    await other.load();
    expect(other.readOnly).toBe('other-tab');
    expect(other.answerOf('polite-greeting')).toBe('b');
    expect(await stored(store)).toEqual([]);
    expect(drafts.length).toBe(1);
  });
});

function $stateSnapshot<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
