/**
 * Nothing old breaks after the content changes (issue 11, item 11): an attempt is graded against
 * the quiz or scenario version it was taken on, kept in content/grading-archive/; an honest old
 * file is never flagged; a chat re-scored by an improved scorer shows both values as a note.
 */
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/lib/node/load-content.ts';
import { loadGradingArchive } from '../../src/lib/node/grading-archive.ts';
import { gradingContext, gradingData, scenarioHash } from '../../src/lib/training/grading.ts';
import { importResultFiles, regradeImports, TRUST_FLAGS } from '../../src/lib/training/regrade.ts';
import { traineeRows } from '../../src/lib/training/aggregate.ts';
import { quizHash } from '../../src/lib/quiz/hash.ts';
import type { Quiz } from '../../src/schemas/quiz.ts';
import { REPO, makeAssignment, makeAttempt, makeChat, makeFile, scenario, text } from './training-helpers.ts';

const content = loadContent(REPO);
const archive = loadGradingArchive(REPO);

function regrade(files: ReturnType<typeof makeFile>[], data: ReturnType<typeof gradingData>) {
  const ctx = gradingContext(data);
  const { accepted, messages } = importResultFiles(
    files.map((f, i) => ({ name: `f${i}.json`, size: 1, text: text(f) })),
    [],
  );
  const regraded = regradeImports(accepted, ctx);
  return { regraded, rows: traineeRows(regraded, ctx), messages };
}

describe('grading against the version an attempt was taken on', () => {
  it('the archive holds the published versions and reads cleanly', () => {
    expect(archive.quizzes.length).toBeGreaterThan(0);
    expect(archive.scenarios.length).toBeGreaterThan(0);
  });

  it('a quiz edited after the attempt: graded on the old version, counted, not flagged', () => {
    const now = gradingData(content, archive);
    const q = now.quizzes.find((x) => x.id === 'cancel-order')!;
    // The attempt was taken on "version 1" of a quiz whose first question had another key.
    const old: Quiz = structuredClone(q);
    old.version = q.version + 100;
    old.title = `${q.title}（旧版）`;
    const attempt = makeAttempt(old);
    attempt.quizHash = quizHash(old);
    const withOld = gradingData(content, { quizzes: [...archive.quizzes, old], scenarios: archive.scenarios });
    const a = makeAssignment({ items: [{ kind: 'quiz', id: 'cancel-order', version: old.version }] });
    const file = makeFile({ assignment: a, attempts: [attempt], chats: [] });
    file.siteVersion = 'abcdef01';
    const { regraded, rows } = regrade([file], withOld);
    const item = regraded[0]!.items[0]!;
    expect(item.score).toBe(100);
    expect(item.flags.map((f) => f.code)).toContain('older-version');
    expect(item.counted).toBe(true);
    expect(rows[0]!.flagged).toBe(false);
    // Without the archive it could not be graded (the old behaviour).
    const without = regrade([file], now);
    expect(without.regraded[0]!.items[0]!.flags.map((f) => f.code)).toContain('other-version');
  });

  it('a chat from an earlier site version with another recorded score: a note with both values, not a flag', () => {
    const s = scenario('shipping-where');
    const chat = makeChat(s);
    chat.result = { score: Math.max(0, (chat.result?.score ?? 50) - 17), grade: 'C' };
    const a = makeAssignment({ items: [{ kind: 'chat', id: s.id, version: s.version }] });
    const file = makeFile({ assignment: a, attempts: [], chats: [chat] });
    file.siteVersion = 'abcdef01';
    const { regraded, rows } = regrade([file], gradingData(content, archive));
    const item = regraded[0]!.items[0]!;
    expect(item.flags.map((f) => f.code)).toEqual(['rescored']);
    expect(item.flags[0]!.message).toMatch(/记录的得分 .*重新评分为/);
    expect(item.flags.some((f) => TRUST_FLAGS.has(f.code))).toBe(false);
    expect(rows[0]!.flagged).toBe(false);
    // The same difference within the current site version is an edited file.
    file.siteVersion = gradingData(content, archive).siteVersion;
    expect(regrade([file], gradingData(content, archive)).rows[0]!.flagged).toBe(true);
  });

  it('archived scenario versions are found by id, version and hash', () => {
    const ctx = gradingContext(gradingData(content, archive));
    for (const s of archive.scenarios) expect(ctx.scenarioVersions.get(`${s.id}@${s.version}@${scenarioHash(s)}`)).toBeDefined();
  });
});

describe('the archive is complete', () => {
  it('holds every current quiz and scenario version (else: npm run archive:grading, and commit the new files)', () => {
    const keys = new Set([
      ...archive.quizzes.map((q) => `${q.id}@${q.version}@${quizHash(q)}`),
      ...archive.scenarios.map((s) => `${s.id}@${s.version}@${scenarioHash(s)}`),
    ]);
    const missing = [
      ...content.quizzes.map(({ file: _f, ...q }) => `${q.id}@${q.version}@${quizHash(q as Quiz)}`),
      ...(content.scenarios ?? []).map(({ file: _f, ...s }) => `${s.id}@${s.version}@${scenarioHash(s)}`),
    ].filter((k) => !keys.has(k));
    expect(missing).toEqual([]);
  });
});
