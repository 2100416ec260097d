/**
 * Statements that carry the work, sent to and read back from a real LRS (Learning Locker's
 * xapi-statements, started in memory on 127.0.0.1 by tests/lrs/lrs-server.ts): valid xAPI 1.0.3
 * (the LRS validates every statement; xapi-spec.ts checks the rules too), idempotent sending,
 * queries by activity with related_activities, `more` pages, `since`, re-grading LRS data with the
 * same code as files and merging with a file of the same attempts (counted once), the roster, and
 * failures in plain words (401, 404, web page, nothing listening).
 */
import { describe, expect, it } from 'vitest';
import { LRS_BAD_AUTH } from '../lrs/lrs-server.ts';
import { traineeRows } from '../../src/lib/training/aggregate.ts';
import { encodeAssignment } from '../../src/lib/training/assignment.ts';
import { nextSince, pullStatements, type LrsStatement } from '../../src/lib/training/lrs-client.ts';
import { nudgeMessage, rosterRows, statementsToImports, itemSheetCsv, attemptModes } from '../../src/lib/training/lrs-results.ts';
import { regradeImports, type StoredImport } from '../../src/lib/training/regrade.ts';
import {
  buildAttemptedStatement,
  resultFileStatements,
  sendStatements,
  statementBytes,
  VERBS,
  type XapiStatement,
} from '../../src/lib/training/xapi.ts';
import { grading, itemTitle, makeAssignment, makeAttempt, makeChat, makeFile, quiz, scenario, T0 } from './training-helpers.ts';
import { useLrs } from './lrs-helpers.ts';
import { checkStatement } from './xapi-spec.ts';

const ORIGIN = 'https://sop.example.com';
const lrs = useLrs();

const title = itemTitle;
const config = () => ({ endpoint: lrs.endpoint, auth: lrs.auth });
const read = (url: string, init: { method: 'GET'; headers: Record<string, string> }) => fetch(url, init);

function setup(id: string, trainees = ['张三', '李四', '王五']) {
  const a = makeAssignment({ id, trainees, lrs: { endpoint: 'https://lrs.example.com/xapi', auth: 'Basic d3JpdGU6b25seQ==' } });
  const code = encodeAssignment(a);
  const file = makeFile({ assignment: a, name: '张三', device: 'dev0000000001' });
  const statements = resultFileStatements(file, { origin: ORIGIN, assignment: a, title });
  return { a, code, file, statements };
}

describe('statements that carry the work', () => {
  it('are valid xAPI 1.0.3, carry answers and replies, and the LRS stores them; sending twice creates nothing new', async () => {
    const { a, statements, file } = setup('lrsbasic01');
    expect(statements.map((s) => s.verb.id)).toEqual([VERBS.passed.id, VERBS.passed.id, VERBS.completed.id]);
    for (const s of statements) expect(checkStatement(s)).toEqual([]);
    const quizWork = statements[0]!.result.extensions![`${ORIGIN}/xapi/extensions/quiz-attempt`];
    expect(quizWork).toEqual(file.quizAttempts[0]);
    const chatWork = statements[1]!.result.extensions![`${ORIGIN}/xapi/extensions/chat-entry`];
    expect(chatWork).toEqual(file.chats[0]);
    const first = await sendStatements(config(), statements, fetch);
    expect(first.map((o) => [o.ok, o.status])).toEqual(statements.map(() => [true, 204]));
    const again = await sendStatements(config(), statements, fetch);
    expect(again.every((o) => o.ok)).toBe(true);
    const pulled = await pullStatements(config(), { activity: `${ORIGIN}/my/#assignment-${a.id}` }, read);
    expect(pulled.error).toBeUndefined();
    expect(pulled.statements.map((s) => s.id).sort()).toEqual(statements.map((s) => s.id).sort());
  });

  it('the attempted statement is valid and accepted', async () => {
    const { a } = setup('lrsattempt1');
    const s = buildAttemptedStatement(
      { origin: ORIGIN, assignment: a, trainee: { name: '李四', device: 'dev0000000002' }, siteVersion: grading().ctx.siteVersion },
      { kind: 'quiz', itemId: 'cancel-order', title: '取消订单', openedAt: new Date(T0 + 60_000).toISOString() },
    );
    expect(checkStatement(s)).toEqual([]);
    const out = await sendStatements(config(), [s], fetch);
    expect(out[0]).toMatchObject({ ok: true });
  });

  it('sizes: a typical quiz and chat statement, and the largest a long chat makes', async () => {
    const { statements } = setup('lrssizes01');
    const long = makeChat(scenario('bargain-repeat'));
    long.replies = Array.from({ length: 500 }, (_, i) => ({ text: '您'.repeat(2000), afterMs: 1000 + i }));
    const a = makeAssignment({ id: 'lrssizes02' });
    const big = resultFileStatements(makeFile({ assignment: a, attempts: [], chats: [long] }), { origin: ORIGIN, assignment: a, title });
    const sizes = {
      quiz: statementBytes(statements[0]),
      chat: statementBytes(statements[1]),
      completed: statementBytes(statements[2]),
      largest: statementBytes(big[0]),
    };
    console.log(`statement bytes: ${JSON.stringify(sizes)}`);
    expect(sizes.quiz).toBeLessThan(8_000);
    expect(sizes.chat).toBeLessThan(20_000);
    // 500 replies × 2,000 characters (the result file's limits) ≈ 3 MB: under the LRS's 5 MB body limit.
    expect(sizes.largest).toBeLessThan(5 * 1024 * 1024);
    const out = await sendStatements(config(), big.slice(0, 1), fetch);
    expect(out[0]).toMatchObject({ ok: true });
  });
});

describe('reading the LRS', () => {
  it('follows more, re-grades with the file code, merges with the same file (counted once), roster and nudge', async () => {
    const { a, code, file, statements } = setup('lrsmerge01', ['张三', '李四', '王五']);
    const lisi = makeFile({
      assignment: a,
      name: '李四',
      device: 'dev0000000002',
      attempts: [makeAttempt(quiz('cancel-order'), { answers: {}, seed: 7 })],
      chats: [],
    });
    const all: XapiStatement[] = [...statements, ...resultFileStatements(lisi, { origin: ORIGIN, assignment: a, title })];
    await sendStatements(config(), all, fetch);
    const pulled = await pullStatements(config(), { activity: `${ORIGIN}/my/#assignment-${a.id}`, limit: 2 }, read);
    expect(pulled.error).toBeUndefined();
    expect(pulled.pages).toBeGreaterThanOrEqual(2);
    expect(pulled.statements).toHaveLength(all.length);
    expect(pulled.latestStored).toMatch(/^\d{4}-/);

    const known = [{ assignment: a, code }];
    const reading = statementsToImports(pulled.statements, known, { origin: ORIGIN });
    expect(reading.messages).toEqual([]);
    expect(reading.imports).toHaveLength(2);
    const fileImport: StoredImport = { id: 'f1', fileName: '张三.json', size: 1, importedAt: new Date(T0).toISOString(), file };
    const ctx = grading().ctx;
    const regraded = regradeImports([fileImport, ...reading.imports], ctx);
    const rows = traineeRows(regraded, ctx, new Date(T0 + 86_400_000));
    const zhang = rows.find((r) => r.name === '张三')!;
    expect(zhang.files).toEqual(['张三.json', '学习记录服务器：张三']);
    expect(zhang.items.map((i) => i.attempts)).toEqual([1, 1]);
    expect(zhang.flagged).toBe(false);
    expect(zhang.passed).toBe(true);
    const fromFileOnly = traineeRows(regradeImports([fileImport], ctx), ctx, new Date(T0 + 86_400_000))[0]!;
    expect(zhang.score).toBe(fromFileOnly.score);

    const titleOf = (_a: unknown, key: string) => title(key.split(':')[0] as 'quiz', key.split(':')[1]!);
    const roster = rosterRows(rows, [a], reading.active, titleOf, new Date(T0 + 86_400_000));
    expect(roster.map((r) => [r.name, r.status])).toEqual([
      ['张三', 'passed'],
      ['李四', 'in-progress'],
      ['王五', 'not-started'],
    ]);
    const nudge = nudgeMessage(roster, new Date(T0 + 86_400_000));
    expect(nudge).toContain('@王五 还没开始');
    expect(nudge).toContain(`@李四 还差 ${title('chat', 'bargain-repeat')}`);
    expect(nudge).not.toContain('张三');
    const csv = itemSheetCsv(roster, titleOf, attemptModes(reading.imports), new Date(T0 + 86_400_000));
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(1 + 3 * 2);
    expect(csv).toContain('考试');

    // Incremental: nothing new since the latest stored time (minus the overlap, deduplicated by id).
    const later = await pullStatements(
      config(),
      { activity: `${ORIGIN}/my/#assignment-${a.id}`, since: nextSince(pulled.latestStored)! },
      read,
    );
    expect(later.error).toBeUndefined();
    expect(later.statements.every((s) => pulled.statements.some((p) => p.id === s.id))).toBe(true);
  });

  it('statements from another site, score-only and tampered work are left out with a message each', () => {
    const { a, code, statements } = setup('lrsforeign1');
    const foreign = JSON.parse(JSON.stringify(statements[0]).replaceAll(ORIGIN, 'https://other.example.org')) as LrsStatement;
    const scoreOnly = structuredClone(statements[0]) as LrsStatement;
    delete scoreOnly.result!.extensions;
    scoreOnly.id = '00000000-0000-4000-8000-000000000001';
    const tampered = structuredClone(statements[1]) as LrsStatement;
    (tampered.result!.extensions![`${ORIGIN}/xapi/extensions/chat-entry`] as { replies: unknown }).replies = 'x';
    const r = statementsToImports([foreign, scoreOnly, tampered], [{ assignment: a, code }], { origin: ORIGIN });
    expect(r.imports).toEqual([]);
    expect(r.messages.map((m) => m.text).join('\n')).toMatch(
      /另一个网站（https:\/\/other\.example\.org）[\s\S]*只有成绩[\s\S]*损坏或被改动/,
    );
  });

  it('failures in plain words, keeping nothing half-read', async () => {
    const q = { activity: `${ORIGIN}/my/#assignment-lrsbasic01` };
    const denied = await pullStatements({ endpoint: lrs.endpoint, auth: LRS_BAD_AUTH }, q, read);
    expect(denied.error).toMatchObject({ kind: 'auth', status: 401 });
    expect(denied.error!.message).toContain('读取凭据');
    const wrongPath = await pullStatements({ endpoint: `http://127.0.0.1:${lrs.port}/nope`, auth: lrs.auth }, q, read);
    expect(wrongPath.error).toMatchObject({ kind: 'not-found', status: 404 });
    const dead = await pullStatements({ endpoint: 'http://127.0.0.1:9/xapi', auth: lrs.auth }, q, read);
    expect(dead.error).toMatchObject({ kind: 'network', status: 0 });
    const typo = await pullStatements({ endpoint: 'lrs.example.com', auth: 'x' }, q, read);
    expect(typo.error).toMatchObject({ kind: 'config' });
  });
});
