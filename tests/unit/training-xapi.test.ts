/**
 * xAPI statements (src/lib/training/xapi.ts) against the spec's required fields (xapi-spec.ts),
 * their stable ids (v5 UUIDs, sha1 known vectors), durations, and sending with PUT to an LRS
 * (a fake fetch: accepted, already stored, refused, unreachable). No traffic leaves the process.
 */
import { describe, expect, it } from 'vitest';
import { assignmentStatement, attemptStatement, isoDuration, sendStatements, VERBS, type FetchLike } from '../../src/lib/training/xapi.ts';
import { sha1Hex, uuidV5 } from '../../src/lib/training/uuid.ts';
import { checkStatement } from './xapi-spec.ts';
import { makeAssignment } from './training-helpers.ts';

const ctx = {
  origin: 'https://sop.example.com',
  assignment: { ...makeAssignment(), lrs: { endpoint: 'http://127.0.0.1:9/xapi/', auth: 'Basic dTpw' } },
  trainee: { name: '张三', device: 'dev0000000001' },
  siteVersion: 'f144ffb9',
};
const attempt = {
  kind: 'quiz' as const,
  itemId: 'cancel-order',
  title: '取消订单测验',
  key: 'quiz:cancel-order:2026-06-01T03:00:00.000Z:12345',
  percent: 87.5,
  startedAt: '2026-06-01T03:00:00.000Z',
  finishedAt: '2026-06-01T03:12:34.300Z',
};

describe('ids', () => {
  it('SHA-1 and UUID v5 match the published vectors', () => {
    expect(sha1Hex('abc')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(sha1Hex('')).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
    expect(sha1Hex('a'.repeat(1_000_000)).slice(0, 8)).toBe('34aa973c');
    expect(uuidV5('python.org', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
  });
});

describe('statements', () => {
  it('a passed quiz attempt: every required field, scaled score, success, duration', () => {
    const s = attemptStatement(ctx, attempt);
    expect(checkStatement(s)).toEqual([]);
    expect(s.verb).toEqual({ id: VERBS.passed.id, display: { 'en-US': 'passed', 'zh-CN': '通过' } });
    expect(s.actor).toEqual({
      objectType: 'Agent',
      name: '张三',
      account: { homePage: 'https://sop.example.com/', name: 'dev0000000001/张三' },
    });
    expect(s.object).toEqual({
      objectType: 'Activity',
      id: 'https://sop.example.com/quizzes/cancel-order/',
      definition: { name: { 'zh-CN': '取消订单测验' }, type: 'http://adlnet.gov/expapi/activities/assessment' },
    });
    expect(s.result).toEqual({
      score: { scaled: 0.875, raw: 87.5, min: 0, max: 100 },
      success: true,
      completion: true,
      duration: 'PT12M34.3S',
    });
    expect(s.timestamp).toBe(attempt.finishedAt);
    expect(s.context.contextActivities?.parent[0]!.id).toBe(`https://sop.example.com/my/#assignment-${ctx.assignment.id}`);
    expect(attemptStatement(ctx, attempt).id).toBe(s.id);
  });

  it('a failed chat and the completed assignment', () => {
    const chat = attemptStatement(ctx, { ...attempt, kind: 'chat', itemId: 'bargain-repeat', key: 'chat:bargain-repeat:x', percent: 42 });
    expect(checkStatement(chat)).toEqual([]);
    expect(chat.verb.id).toBe(VERBS.failed.id);
    expect(chat.result.success).toBe(false);
    expect(chat.object.definition.type).toBe('http://adlnet.gov/expapi/activities/simulation');
    expect(chat.id).not.toBe(attemptStatement(ctx, attempt).id);
    expect(chat.context.registration).toBe(attemptStatement(ctx, attempt).context.registration);
    const done = assignmentStatement(ctx, { percent: 90, passed: true, finishedAt: attempt.finishedAt });
    expect(checkStatement(done)).toEqual([]);
    expect(done.verb.id).toBe(VERBS.completed.id);
    expect(done.result).toEqual({ score: { scaled: 0.9, raw: 90, min: 0, max: 100 }, success: true, completion: true });
  });

  it('the checker itself rejects what the spec forbids', () => {
    const s = attemptStatement(ctx, attempt) as unknown as Record<string, unknown>;
    expect(checkStatement({ ...s, actor: { name: 'x' } })).toContain('actor: 必须恰好有一个标识 (IFI)，实际 0 个');
    expect(checkStatement({ ...s, verb: { display: {} } })).toContain('verb.id: 必填 IRI');
    expect(checkStatement({ ...s, id: 'abc' })).toContain('id: 应是 UUID');
    expect(checkStatement({ ...s, result: { score: { scaled: 1.5 } } })).toContain('result.score.scaled: 应在 -1 到 1 之间');
    expect(checkStatement({ ...s, result: { duration: 'PT1.234S' } })).toHaveLength(1);
    expect(checkStatement({ ...s, extra: 1 })).toContain('extra: 不是语句的属性');
  });

  it('durations are ISO 8601 with at most two decimals', () => {
    expect(isoDuration(0)).toBe('PT0S');
    expect(isoDuration(1234)).toBe('PT1.23S');
    expect(isoDuration(60_000)).toBe('PT1M');
    expect(isoDuration(3_725_500)).toBe('PT1H2M5.5S');
    expect(isoDuration(-5)).toBe('PT0S');
  });
});

describe('sending', () => {
  it('PUTs each statement with the version header and auth; 2xx and 409 count as delivered', async () => {
    const calls: Array<{ url: string; method: string; headers: Record<string, string>; body: string }> = [];
    const statuses = [204, 409, 500];
    const fetchImpl: FetchLike = async (url, init) => {
      calls.push({ url, ...init });
      const status = statuses[calls.length - 1] ?? 0;
      if (!status) throw new TypeError('Failed to fetch');
      return { status, text: async () => 'server says no' };
    };
    const list = [1, 2, 3, 4].map((n) => attemptStatement(ctx, { ...attempt, key: `k${n}` }));
    const out = await sendStatements(ctx.assignment.lrs, list, fetchImpl);
    expect(out.map((o) => [o.ok, o.status])).toEqual([
      [true, 204],
      [true, 409],
      [false, 500],
      [false, 0],
    ]);
    expect(out[2]!.message).toBe('server says no');
    expect(out[3]!.message).toBe('Failed to fetch');
    expect(calls[0]!.url).toBe(`http://127.0.0.1:9/xapi/statements?statementId=${list[0]!.id}`);
    expect(calls[0]!.method).toBe('PUT');
    expect(calls[0]!.headers).toEqual({
      'Content-Type': 'application/json',
      'X-Experience-API-Version': '1.0.3',
      Authorization: 'Basic dTpw',
    });
    expect(JSON.parse(calls[0]!.body)).toEqual(list[0]);
  });
});
