/**
 * Every file the site exports is accepted (issue 12, item 5), with the largest inputs the UI
 * allows, made by the islands' own state classes:
 * - the quiz's attempt file (QuizSession.exportFile) → `sop grade-quiz`; every answer at its
 *   longest (numeric box: its maxlength 100; multiple: every option; role-play: the longest path);
 * - the chat's replies file (ChatSession.exportFile) → `sop score-chat`: a chat played to the end
 *   with CHAT_INPUT_MAX_CHARS-long messages, and the largest replies file possible
 *   (MAX_CHAT_REPLIES replies of CHAT_INPUT_MAX_CHARS characters);
 * - 我的培训's result file (buildResultFile from the stored records, as my-training does) →
 *   `sop regrade` and the dashboard's import (importResultFiles + regradeImports).
 * Before the input limit, a 2,100-character reply made every later result file of the assignment
 * unimportable; that is the attack here.
 */
import { FakeClock } from './fake-clock.ts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { QuizSession } from '../../src/components/quiz/quiz-session.svelte.ts';
import { CHAT_INPUT_MAX_CHARS, ChatSession, MAX_CHAT_REPLIES } from '../../src/components/chat/chat-session.svelte.ts';
import { islandScenario, islandStandards } from '../../src/components/chat/chat-index.ts';
import { MemoryDeviceStore } from '../../src/components/state/device-store.ts';
import { nodesById, type Roleplay } from '../../src/lib/quiz/roleplay.ts';
import type { AttemptRecord } from '../../src/lib/quiz/attempt-record.ts';
import type { ChatReportRecord } from '../../src/lib/chat/report-record.ts';
import { buildSiteIndex } from '../../src/lib/content/site-index.ts';
import { loadContent } from '../../src/lib/node/load-content.ts';
import { encodeAssignment } from '../../src/lib/training/assignment.ts';
import { scenarioHash } from '../../src/lib/training/grading.ts';
import { toAttempt, toChatEntry } from '../../src/lib/training/device-records.ts';
import { buildResultFile, MAX_RESULT_FILE_BYTES, parseResultFile } from '../../src/lib/training/result-file.ts';
import { importResultFiles, regradeImports } from '../../src/lib/training/regrade.ts';
import type { Quiz } from '../../src/schemas/quiz.ts';
import type { Scenario } from '../../src/schemas/scenario.ts';
import { runSop } from './cli-helpers.ts';
import { grading, makeAssignment, quiz as projectQuiz, REPO, T0 } from './training-helpers.ts';

const tmp = mkdtempSync(join(tmpdir(), 'export-roundtrip-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const content = loadContent(REPO);
const site = buildSiteIndex(content);
const NUMERIC_MAXLENGTH = 100; // QuestionView.svelte: <input maxlength="100">

function write(name: string, text: string): string {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
}

/** Choice ids of the longest path to an ending (no node twice). */
function longestPath(q: Roleplay): string[] {
  const nodes = nodesById(q);
  let best: string[] = [];
  const walk = (id: string, seen: Set<string>, path: string[]) => {
    const node = nodes.get(id);
    if (!node || seen.has(id)) return;
    for (const c of node.choices) {
      const next = [...path, c.id];
      if (c.ending !== undefined) {
        if (next.length > best.length) best = next;
      } else if (c.next !== undefined) walk(c.next, new Set([...seen, id]), next);
    }
  };
  walk(q.start, new Set(), []);
  return best;
}

/** A quiz attempt with every answer at its longest, handed in; returns the session. */
async function longestAttempt(q: Quiz, store = new MemoryDeviceStore()): Promise<QuizSession> {
  let t = T0 + 3_600_000;
  const s = new QuizSession(q, { store, now: () => new Date((t += 1000)), seed: () => 987654321 });
  await s.load();
  await s.start('exam');
  for (const question of q.questions) {
    switch (question.type) {
      case 'single':
        await s.answer(question.id, question.options.at(-1)!.id);
        break;
      case 'truefalse':
        await s.answer(question.id, false);
        break;
      case 'multiple':
        await s.answer(
          question.id,
          question.options.map((o) => o.id),
        );
        break;
      case 'ordering':
        await s.answer(question.id, question.items.map((i) => i.id).reverse());
        break;
      case 'numeric':
        await s.answer(question.id, '９'.repeat(NUMERIC_MAXLENGTH));
        break;
      case 'roleplay':
        for (const choice of longestPath(question)) expect(await s.choose(question.id, choice)).toBe(true);
        break;
    }
  }
  expect(s.unansweredCount).toBe(0);
  await s.finish();
  return s;
}

/** A chat played with messages of exactly CHAT_INPUT_MAX_CHARS characters until it ends. */
async function longestChat(sc: Scenario, store = new MemoryDeviceStore()): Promise<ChatSession> {
  const clock = new FakeClock(T0 + 7_200_000);
  const s = new ChatSession(sc, islandStandards(site, sc), { store, clock, scenarioHash: scenarioHash(sc), typingMs: () => 1000 });
  await s.load();
  s.start('practice');
  const long = (i: number) => `亲，您好！第 ${i} 条：${'好的，我这就为您查询并处理。'.repeat(200)}`.slice(0, CHAT_INPUT_MAX_CHARS);
  for (let i = 0; i < MAX_CHAT_REPLIES + 10 && s.phase === 'chat'; i++) {
    while (s.customerTyping) clock.advance(500);
    clock.advance(2000);
    expect(s.send(long(i))).toBe(true);
  }
  await s.saved();
  expect(s.phase).toBe('finished');
  return s;
}

describe('every export is accepted, at the largest inputs the UI allows', () => {
  it('the quiz attempt file with every answer at its longest → sop grade-quiz', async () => {
    const q = projectQuiz('cancel-order');
    const s = await longestAttempt(q);
    const file = s.exportFile()!;
    const r = runSop(undefined, ['grade-quiz', '--json', '--quiz', q.id, '--answers', write(file.name, file.text)], 30_000);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ score: s.result!.score, max: s.result!.max });
  });

  it(`a chat of ${CHAT_INPUT_MAX_CHARS}-character messages → sop score-chat, and the largest replies file (${MAX_CHAT_REPLIES} × ${CHAT_INPUT_MAX_CHARS}) too`, async () => {
    const sc = islandScenario(content.scenarios!.find((x) => x.id === 'bargain-repeat')!);
    const s = await longestChat(sc);
    const file = s.exportFile();
    expect(s.replies.every((r) => r.text.length <= CHAT_INPUT_MAX_CHARS)).toBe(true);
    let r = runSop(undefined, ['score-chat', '--json', '--scenario', sc.id, '--replies', write(file.name, file.text)], 60_000);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).score).toBe(s.report!.score);

    const largest = {
      replies: Array.from({ length: MAX_CHAT_REPLIES }, (_, i) => ({ text: `${i}`.padEnd(CHAT_INPUT_MAX_CHARS, '好'), afterMs: 5000 })),
    };
    r = runSop(
      undefined,
      ['score-chat', '--json', '--scenario', sc.id, '--replies', write('largest.json', `${JSON.stringify(largest, null, 2)}\n`)],
      120_000,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('我的培训’s result file from those records → sop regrade and the dashboard import', async () => {
    const store = new MemoryDeviceStore();
    const q = projectQuiz('cancel-order');
    const sc = islandScenario(content.scenarios!.find((x) => x.id === 'bargain-repeat')!);
    await longestAttempt(q, store);
    await longestChat(sc, store);
    const assignment = makeAssignment({ group: '六'.repeat(40), trainees: ['张'.repeat(20), '李四'] });
    const attempts = (await store.list<AttemptRecord>('attempts')).map(toAttempt);
    const records = await store.list<ChatReportRecord>('chatReports');
    // And the largest chat a record can hold: MAX_CHAT_REPLIES replies of CHAT_INPUT_MAX_CHARS characters (CJK: 3 bytes each).
    const largest: ChatReportRecord = {
      ...records[0]!,
      id: `${sc.id}-largest`,
      startedAt: new Date(T0 + 10_800_000).toISOString(),
      finishedAt: new Date(T0 + 14_400_000).toISOString(),
      replies: Array.from({ length: MAX_CHAT_REPLIES }, (_, i) => ({ text: `${i}`.padEnd(CHAT_INPUT_MAX_CHARS, '好'), afterMs: 5000 })),
    };
    const { report: _report, ...unscored } = largest;
    const chats = [...records.map((r) => toChatEntry(r, scenarioHash(sc))), toChatEntry(unscored as ChatReportRecord, scenarioHash(sc))];
    const file = buildResultFile({
      assignment,
      code: encodeAssignment(assignment),
      trainee: { name: '张'.repeat(20), device: 'a'.repeat(32) },
      siteVersion: grading().ctx.siteVersion,
      attempts,
      chats,
      now: new Date(T0 + 86_400_000),
    });
    const text = `${JSON.stringify(file, null, 2)}\n`;
    const size = Buffer.byteLength(text);
    expect(size).toBeLessThanOrEqual(MAX_RESULT_FILE_BYTES);
    expect(parseResultFile(text)).toMatchObject({ ok: true });

    const r = runSop(undefined, ['regrade', '--json', write('result.json', text)], 60_000);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(out.files[0]).toMatchObject({ ok: true });
    expect(out.files[0].items.map((i: { itemId: string; mismatch: boolean }) => [i.itemId, i.mismatch])).toEqual([
      ['cancel-order', false],
      ['bargain-repeat', false],
      ['bargain-repeat', false],
    ]);

    const { accepted, messages } = importResultFiles([{ name: 'result.json', size, text }], [], {
      now: new Date(T0 + 2 * 86_400_000),
      knownAssignments: [assignment],
    });
    expect(messages.filter((m) => m.level === 'error')).toEqual([]);
    expect(accepted).toHaveLength(1);
    const regraded = regradeImports(accepted, grading().ctx, { knownAssignments: [assignment] });
    // Graded, nothing flagged (no mismatch between the stored and the re-graded score).
    expect(regraded[0]!.items.map((i) => [i.itemId, typeof i.score, i.flags])).toEqual([
      ['cancel-order', 'number', []],
      ['bargain-repeat', 'number', []],
      ['bargain-repeat', 'number', []],
    ]);
  });
});
