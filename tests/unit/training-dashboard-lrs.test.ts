/**
 * The dashboard's LRS part (Dashboard in dashboard.svelte.ts) against the real LRS: connect (the
 * credential kept in "meta" on this device), sync the assignments built here, rows re-graded from
 * the statements' work and merged with an imported file (counted once), the roster with every
 * listed trainee, the nudge text; a refused credential or a dead server keeps everything shown;
 * 成绩码 pasted many at once.
 */
import { describe, expect, it } from 'vitest';
import { LRS_BAD_AUTH } from '../lrs/lrs-server.ts';
import { Dashboard, LRS_META } from '../../src/components/trainer/dashboard.svelte.ts';
import { MemoryDeviceStore } from '../../src/components/state/device-store.ts';
import { encodeAssignment } from '../../src/lib/training/assignment.ts';
import { encodeResultCode } from '../../src/lib/training/result-code.ts';
import { resultFileStatements, sendStatements } from '../../src/lib/training/xapi.ts';
import { grading, itemTitle, makeAssignment, makeAttempt, makeChat, makeFile, quiz, scenario, T0, text } from './training-helpers.ts';
import { useLrs } from './lrs-helpers.ts';

const ORIGIN = 'http://127.0.0.1:4329';
const lrs = useLrs();

const title = itemTitle;

describe('Dashboard with an LRS', () => {
  it('syncs, re-grades, merges with files, lists the roster, and keeps everything when the LRS fails', async () => {
    const a = makeAssignment({ id: 'dashlrs001', due: '2099-12-31', trainees: ['张三', '李四', '王五', '赵六'] });
    const code = encodeAssignment(a);
    const store = new MemoryDeviceStore();
    await store.put('trainerAssignments', {
      id: a.id,
      format: 'sop-trainer-assignment',
      formatVersion: 1,
      code,
      assignment: a,
      createdAt: a.createdAt,
      updatedAt: a.createdAt,
    });
    const zhang = makeFile({ assignment: a, name: '张三', device: 'dev0000000001' });
    const li = makeFile({
      assignment: a,
      name: '李四',
      device: 'dev0000000002',
      attempts: [makeAttempt(quiz('cancel-order'), { answers: {} })],
      chats: [],
    });
    for (const f of [zhang, li]) await sendStatements(lrs, resultFileStatements(f, { origin: ORIGIN, assignment: a, title }), fetch);

    const d = new Dashboard({ store, loadData: async () => grading().data, fetch, origin: ORIGIN });
    await d.load();
    expect(d.roster.map((r) => [r.name, r.status])).toEqual([
      ['张三', 'not-started'],
      ['李四', 'not-started'],
      ['王五', 'not-started'],
      ['赵六', 'not-started'],
    ]);
    expect(await d.connectLrs('lrs.example.com', 'x')).toContain('不是网址');
    expect(await d.connectLrs(lrs.endpoint, lrs.auth)).toBeNull();
    expect(d.sync).toMatchObject({ state: 'ok' });
    expect(await store.get('meta', LRS_META)).toEqual({ id: LRS_META, endpoint: lrs.endpoint, auth: lrs.auth });
    expect(d.roster.map((r) => [r.name, r.status])).toEqual([
      ['张三', 'passed'],
      ['李四', 'in-progress'],
      ['王五', 'not-started'],
      ['赵六', 'not-started'],
    ]);
    expect(d.nudge).toContain('@王五 还没开始');
    // The same attempts in a file: counted once, nothing flagged.
    expect(await d.importFiles([{ name: 'zhang.json', size: 10, text: async () => text(zhang) }])).toBe(1);
    const row = d.rows.find((r) => r.name === '张三')!;
    expect(row.items.map((i) => i.attempts)).toEqual([1, 1]);
    expect(row.flagged).toBe(false);
    expect(d.itemCsv().split('\r\n').filter(Boolean)).toHaveLength(1 + 4 * 2);
    expect(d.traineeView(row.key).map((v) => v.done)).toEqual([true, true]);
    expect(d.traineeView(row.key)[1]!.transcript!.length).toBeGreaterThan(0);

    // A refused credential: the message says so, nothing shown is lost.
    const rowsBefore = JSON.stringify(d.roster.map((r) => [r.name, r.status, r.row?.score]));
    d.lrs = { endpoint: lrs.endpoint, auth: LRS_BAD_AUTH };
    await d.syncLrs();
    expect(d.sync.state).toBe('error');
    expect(d.sync.message).toContain('HTTP 401');
    expect(d.sync.at).toBeDefined();
    expect(JSON.stringify(d.roster.map((r) => [r.name, r.status, r.row?.score]))).toBe(rowsBefore);
    d.lrs = { endpoint: 'http://127.0.0.1:9/xAPI', auth: lrs.auth };
    await d.syncLrs();
    expect(d.sync.message).toContain('连不上');
    expect(JSON.stringify(d.roster.map((r) => [r.name, r.status, r.row?.score]))).toBe(rowsBefore);

    // Reopened: the cache shows the LRS rows before any sync.
    const again = new Dashboard({ store, loadData: async () => grading().data, fetch, origin: ORIGIN });
    await again.load();
    expect(again.roster.find((r) => r.name === '李四')!.status).toBe('in-progress');

    // 成绩码 for 王五, pasted in a chat log with a broken one.
    const wang = await encodeResultCode(
      makeFile({
        assignment: a,
        name: '王五',
        device: 'dev0000000003',
        attempts: [makeAttempt(quiz('cancel-order'), { startMs: T0 + 5 * 3600_000, seed: 99 })],
        chats: [makeChat(scenario('bargain-repeat'), { startMs: T0 + 6 * 3600_000 })],
      }),
    );
    expect(await again.importCodes(`王五：\n${wang}\n赵六：SOPR1.abc`)).toBe(1);
    expect(again.codeReport).toEqual({ found: 2, ok: 1 });
    expect(again.messages.some((m) => m.text.includes('第 2 个成绩码不完整'))).toBe(true);
    expect(again.roster.find((r) => r.name === '王五')!.status).toBe('passed');
    await again.setArchived(a.id, true);
    expect(again.roster).toEqual([]);
  });
});
