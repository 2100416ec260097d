/**
 * The trainer islands' state classes over the in-memory device store: 我的培训 (MyTraining), the
 * builder (AssignBuilder) and the dashboard (Dashboard); record migrations; storage failures that
 * must be shown, not swallowed; two tabs writing the same record.
 */
import { describe, expect, it } from 'vitest';
import {
  DeviceStoreError,
  MemoryDeviceStore,
  STORE_NAMES,
  UPGRADES,
  DB_VERSION,
  type DeviceStore,
  type StoreName,
} from '../../src/components/state/device-store.ts';
import { MyTraining } from '../../src/components/trainer/my-training.svelte.ts';
import { AssignBuilder } from '../../src/components/trainer/assign-builder.svelte.ts';
import { Dashboard, type FileLike } from '../../src/components/trainer/dashboard.svelte.ts';
import { readAssignmentRecord, readTrainerRecord, type AssignmentRecord } from '../../src/lib/training/device-records.ts';
import type { Catalogue } from '../../src/components/trainer/catalogue.ts';
import { assignmentUrl, decodeAssignment, encodeAssignment } from '../../src/lib/training/assignment.ts';
import { parseResultFile } from '../../src/lib/training/result-file.ts';
import { importResultFiles, regradeImports } from '../../src/lib/training/regrade.ts';
import { quizHash } from '../../src/lib/quiz/hash.ts';
import { scenarioHash } from '../../src/lib/training/grading.ts';
import { scoreChat } from '../../src/lib/chat/score.ts';
import type { FetchLike } from '../../src/lib/training/xapi.ts';
import { grading, makeAssignment, makeAttempt, makeChat, makeFile, quiz, scenario, T0, text } from './training-helpers.ts';
import { checkStatement } from './xapi-spec.ts';

function catalogue(): Catalogue {
  const { ctx } = grading();
  return {
    siteVersion: ctx.siteVersion,
    tracks: [{ id: 'ecommerce', title: '电商客服' }],
    items: [
      ...[...ctx.quizzes.values()].map((q) => ({
        kind: 'quiz' as const,
        id: q.id,
        title: q.title,
        version: q.version,
        hash: quizHash(q),
        track: 'ecommerce',
        workflow: q.workflow,
        workflowTitle: q.workflow,
        size: q.questions.length,
        passMark: q.passMark,
        description: '',
        tags: [],
      })),
      ...[...ctx.scenarios.values()].map((s) => ({
        kind: 'chat' as const,
        id: s.id,
        title: s.title,
        version: s.version,
        hash: scenarioHash(s),
        track: s.track,
        workflow: s.workflow,
        workflowTitle: s.workflow,
        size: s.turns.length,
        description: '',
        tags: s.tags,
      })),
    ],
  };
}

const clock =
  (ms = T0 + 86_400_000) =>
  () =>
    new Date(ms);

/** A store whose writes fail with `reason` once `failing` is set. */
class FlakyStore extends MemoryDeviceStore {
  failing: DeviceStoreError['reason'] | null = null;
  override async put<T extends { id: string }>(store: StoreName, record: T): Promise<void> {
    if (this.failing) throw new DeviceStoreError(this.failing, 'put: QuotaExceededError: quota exceeded');
    return super.put(store, record);
  }
}

/** Device records as the quiz and chat islands save them. */
async function deviceWithWork(store: DeviceStore) {
  const attempt = makeAttempt(quiz('cancel-order'));
  await store.put('attempts', { id: 'cancel-order-x', updatedAt: attempt.finishedAt!, ...attempt });
  const s = scenario('bargain-repeat');
  const chat = makeChat(s);
  const report = JSON.parse(JSON.stringify(scoreChat(s, chat.replies, grading().ctx.rules)));
  await store.put('chatReports', {
    id: 'bargain-repeat-y',
    updatedAt: chat.finishedAt,
    format: 'sop-chat-report',
    formatVersion: 1,
    scenario: s.id,
    scenarioVersion: s.version,
    mode: 'exam',
    startedAt: chat.startedAt,
    finishedAt: chat.finishedAt,
    endedBy: 'ending',
    hintsUsed: 0,
    replies: chat.replies,
    report,
  });
}

describe('我的培训 (MyTraining)', () => {
  it('opening a link saves the assignment; reload finds it; progress, export and re-grade agree', async () => {
    const store = new MemoryDeviceStore();
    const a = makeAssignment();
    const url = assignmentUrl('https://sop.example.com', '/my/', a);
    const my = new MyTraining({ store, catalogue: catalogue(), origin: 'https://sop.example.com', now: clock() });
    await my.load();
    expect(await my.openLink(url)).toBe(a.id);
    expect(my.linkError).toBeNull();
    const [saved] = await store.list<AssignmentRecord>('assignments');
    expect(saved).toMatchObject({ id: a.id, format: 'sop-assignment-record', formatVersion: 1, code: encodeAssignment(a), assignment: a });

    await deviceWithWork(store);
    const again = new MyTraining({ store, catalogue: catalogue(), origin: 'https://sop.example.com', now: clock() });
    await again.load();
    const p = again.progress(again.assignments[0]!);
    expect(p.items.map((i) => i.status)).toEqual(['passed', 'passed']);
    expect(p).toMatchObject({ done: 2, total: 2, passed: true, late: false });

    expect(again.resultFile(a.id)).toBeNull(); // no name yet
    expect(await again.setName('<b>')).toMatch(/< >/);
    expect(await again.setName('张三')).toBeNull();
    const file = again.resultFile(a.id)!;
    expect(file.name).toMatch(/^培训结果-张三-6月第1周新人组-\d{8}-\d{4}\.json$/);
    const parsed = parseResultFile(file.text);
    expect(parsed.ok).toBe(true);
    const { accepted } = importResultFiles([{ name: file.name, size: file.text.length, text: file.text }], []);
    const [graded] = regradeImports(accepted, grading().ctx);
    expect(graded!.flags).toEqual([]);
    expect(graded!.items.map((i) => [i.itemId, i.counted, i.flags])).toEqual([
      ['cancel-order', true, []],
      ['bargain-repeat', true, []],
    ]);
    expect(again.resultCsv(a.id)!.text.split('\r\n')).toHaveLength(4);
  });

  it('a tampered or truncated link saves nothing and says why', async () => {
    const store = new MemoryDeviceStore();
    const my = new MyTraining({ store, catalogue: catalogue(), origin: 'https://x', now: clock() });
    await my.load();
    const url = assignmentUrl('https://x', '/my/', makeAssignment());
    expect(await my.openLink(url.slice(0, -10))).toBeNull();
    expect(my.linkError).toMatch(/链接不完整/);
    expect(await my.openLink(url.replace('.1', '.2').replace(/\.([0-9a-f]{8})$/, '.ffffffff'))).toBeNull();
    expect(my.linkError).toMatch(/校验失败|链接格式/);
    expect(await store.list('assignments')).toEqual([]);
    expect(my.assignments).toEqual([]);
  });

  it('storage failures are shown (quota), and the page keeps working', async () => {
    const store = new FlakyStore();
    const my = new MyTraining({ store, catalogue: catalogue(), origin: 'https://x', now: clock() });
    await my.load();
    store.failing = 'quota';
    const id = await my.openLink(encodeAssignment(makeAssignment()));
    expect(id).not.toBeNull();
    expect(my.problem?.reason).toBe('quota');
    expect(my.justOpened).toBeNull();
    expect(my.assignments).toHaveLength(1);
    store.failing = null;
    await my.setName('张三');
    expect(my.problem).toBeNull();
  });

  it('two tabs: sending xAPI in one keeps what the other saved (read-modify-write)', async () => {
    const store = new MemoryDeviceStore();
    const a = { ...makeAssignment(), lrs: { endpoint: 'http://127.0.0.1:1/xapi' } };
    const received: unknown[] = [];
    const fetchImpl: FetchLike = async (_url, init) => {
      received.push(JSON.parse(init.body));
      return { status: 204, text: async () => '' };
    };
    // The link is opened before the work starts (only later attempts are ever sent).
    const tab1 = new MyTraining({
      store,
      catalogue: catalogue(),
      origin: 'https://sop.example.com',
      now: clock(T0 + 60_000),
      fetch: fetchImpl,
    });
    const tab2 = new MyTraining({ store, catalogue: catalogue(), origin: 'https://sop.example.com', now: clock(), fetch: fetchImpl });
    await tab1.load();
    await tab1.openLink(encodeAssignment(a));
    await deviceWithWork(store);
    await tab1.setName('张三');
    await tab2.load();
    // Nothing goes out before the trainee agrees for this LRS.
    expect(tab2.needsConsent(tab2.assignments[0]!)).toBe(true);
    expect(tab2.pendingStatements(a.id)).toEqual([]);
    await tab2.sendXapi(a.id);
    expect(received).toHaveLength(0);
    await tab1.setConsent(a.id, 'yes');
    await tab2.load();
    expect(tab2.pendingStatements(a.id)).toHaveLength(5); // quiz and chat (with the work), attempted ×2, assignment completed
    await tab2.sendXapi(a.id);
    expect(received).toHaveLength(5);
    for (const s of received) expect(checkStatement(s)).toEqual([]);
    expect(tab2.xapi[a.id]).toEqual({ state: 'sent' });
    // Tab 1 re-opens the same link (stale copy in memory): the sent list survives.
    await tab1.openLink(encodeAssignment(a));
    const [rec] = await store.list<AssignmentRecord>('assignments');
    expect(rec!.xapi?.sent).toHaveLength(5);
    await tab1.load();
    expect(tab1.pendingStatements(a.id)).toEqual([]);
  });
});

describe('record migrations', () => {
  it('device store versions: every store is created by some step, the last step is the current version', () => {
    expect(UPGRADES.at(-1)!.version).toBe(DB_VERSION);
    expect(UPGRADES.flatMap((u) => u.stores).sort()).toEqual([...STORE_NAMES].sort());
  });

  it('an early assignment record ({ id, code }) is migrated; a damaged cached copy is repaired from the code', () => {
    const a = makeAssignment();
    const code = encodeAssignment(a);
    const early = readAssignmentRecord({ id: a.id, code, openedAt: '2026-06-01T00:00:00.000Z' }, new Date(T0));
    expect(early).toMatchObject({
      ok: true,
      migrated: true,
      record: { format: 'sop-assignment-record', formatVersion: 1, assignment: a, openedAt: '2026-06-01T00:00:00.000Z' },
    });
    const damaged = readAssignmentRecord({
      id: a.id,
      format: 'sop-assignment-record',
      formatVersion: 1,
      code,
      assignment: { ...a, passMark: 0 },
      openedAt: 'x',
      updatedAt: 'y',
    });
    expect(damaged.ok && damaged.record.assignment.passMark).toBe(80);
    expect(damaged.ok && damaged.migrated).toBe(true);
    const clean = readAssignmentRecord(early.ok ? early.record : null);
    expect(clean.ok && clean.migrated).toBe(false);
    expect(readAssignmentRecord({ id: 'x', formatVersion: 2, code })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/更新版本/),
    });
    expect(readAssignmentRecord({ id: 'x', code: code.slice(0, -2) })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/已损坏/),
    });
    expect(readTrainerRecord({ id: a.id, code })).toMatchObject({
      ok: true,
      migrated: true,
      record: { format: 'sop-trainer-assignment', createdAt: a.createdAt },
    });
  });

  it('load() writes migrated records back and lists the unreadable ones', async () => {
    const store = new MemoryDeviceStore();
    const a = makeAssignment();
    await store.put('assignments', { id: a.id, code: encodeAssignment(a) });
    await store.put('assignments', { id: 'broken', code: '1.abc.00000000' });
    const my = new MyTraining({ store, catalogue: catalogue(), origin: 'https://x', now: clock() });
    await my.load();
    expect(my.assignments.map((r) => r.id)).toEqual([a.id]);
    expect(my.recordProblems).toEqual([{ id: 'broken', message: expect.stringMatching(/“broken” 的任务链接已损坏/) }]);
    expect(await store.get(`assignments`, a.id)).toMatchObject({ format: 'sop-assignment-record', formatVersion: 1 });
  });
});

describe('AssignBuilder', () => {
  it('checks the form, then makes the link, the QR code and saves the assignment', async () => {
    const store = new MemoryDeviceStore();
    const b = new AssignBuilder({
      store,
      catalogue: catalogue(),
      origin: 'https://sop.example.com',
      now: () => new Date('2026-06-01T02:00:00Z'),
      random: () => 0.5,
    });
    await b.load();
    expect(await b.generate()).toBeNull();
    expect(b.errors).toEqual(['至少选择一个测验或模拟对话', '请填写培训组名称']);
    b.query = '砍价';
    expect(b.matches.length).toBeGreaterThan(0);
    b.toggle('quiz:cancel-order');
    b.toggle('chat:bargain-repeat');
    b.group = '6月第1周';
    b.passMark = 101;
    b.traineesText = '张三\n李四，张三\n<x>';
    b.lrsEndpoint = 'ftp://x';
    expect(b.errors).toEqual([
      '及格线应是 0 到 100 的整数',
      '学员名单中“张三”重复',
      expect.stringMatching(/“<x>”有误/),
      'LRS 地址应以 http:// 或 https:// 开头',
    ]);
    b.passMark = 85;
    b.traineesText = '张三\n李四';
    b.lrsEndpoint = '';
    b.due = '2026-05-01';
    expect(b.errors).toEqual(['截止日期早于今天']);
    b.due = '2026-06-08';
    const g = (await b.generate())!;
    expect(g.url).toMatch(/^https:\/\/sop\.example\.com\/my\/\?a=1\./);
    expect(g.qr).toMatch(/^<svg/);
    const back = decodeAssignment(g.url);
    expect(back.ok && back.assignment).toMatchObject({
      group: '6月第1周',
      passMark: 85,
      due: '2026-06-08',
      trainees: ['张三', '李四'],
      items: [
        { kind: 'quiz', id: 'cancel-order' },
        { kind: 'chat', id: 'bargain-repeat' },
      ],
    });
    expect(await store.list('trainerAssignments')).toHaveLength(1);
    expect(b.stale).toBe(false);
    b.passMark = 90;
    expect(b.stale).toBe(true);
    b.reuse(b.recent[0]!);
    expect(b.passMark).toBe(85);
    expect(b.generated).toBeNull();
  });
});

describe('Dashboard', () => {
  const asFile = (name: string, content: string, size = content.length): FileLike => ({ name, size, text: async () => content });

  it('imports files, keeps them across reloads, leaves them untouched by bad files, clears on request', async () => {
    const store = new MemoryDeviceStore();
    const loadData = async () => grading().data;
    const d = new Dashboard({ store, loadData, now: clock() });
    await d.load();
    expect(d.phase).toBe('ready');
    expect(
      await d.importFiles([
        asFile('zhang.json', text(makeFile())),
        asFile('li.json', text(makeFile({ name: '李四', device: 'dev0000000002' }))),
      ]),
    ).toBe(2);
    expect(d.rows.map((r) => r.name)).toEqual(['李四', '张三']);
    const before = JSON.stringify(await store.list('trainerImports'));

    const poison = '<img src=x onerror=alert(1)>';
    const bad = [
      asFile('notes.txt', 'hello'),
      asFile('cut.json', text(makeFile()).slice(0, 500)),
      asFile('huge.json', '', 50 * 1024 * 1024),
      asFile('zhang-copy.json', text(makeFile())),
      asFile('html.json', JSON.stringify({ format: poison, formatVersion: poison })),
    ];
    expect(await d.importFiles(bad)).toBe(0);
    expect(d.messages.map((m) => [m.file, m.level])).toEqual([
      ['notes.txt', 'error'],
      ['cut.json', 'error'],
      ['huge.json', 'error'],
      ['zhang-copy.json', 'warning'],
      ['html.json', 'error'],
    ]);
    expect(JSON.stringify(await store.list('trainerImports'))).toBe(before);
    expect(d.rows).toHaveLength(2);

    const reopened = new Dashboard({ store, loadData, now: clock() });
    await reopened.load();
    expect(reopened.rows.map((r) => r.name)).toEqual(['李四', '张三']);
    await reopened.removeImport(reopened.imports[0]!.id);
    expect(reopened.rows).toHaveLength(1);
    await reopened.clear();
    expect(await store.list('trainerImports')).toEqual([]);
    expect(reopened.rows).toEqual([]);
  });

  it('a full device: the file is not imported and the problem is shown', async () => {
    const store = new FlakyStore();
    const d = new Dashboard({ store, loadData: async () => grading().data, now: clock() });
    await d.load();
    store.failing = 'quota';
    expect(await d.importFiles([asFile('zhang.json', text(makeFile()))])).toBe(0);
    expect(d.problem?.reason).toBe('quota');
    expect(d.messages[0]).toMatchObject({ file: 'zhang.json', level: 'error', text: expect.stringMatching(/存储空间已满/) });
    expect(d.rows).toEqual([]);
  });

  it('grading data that does not load is an error, not an empty dashboard', async () => {
    const d = new Dashboard({
      store: new MemoryDeviceStore(),
      loadData: async () => {
        throw new Error('HTTP 404');
      },
    });
    await d.load();
    expect(d.phase).toBe('error');
    expect(d.dataError).toBe('HTTP 404');
  });
});

describe('the trainee’s side of a link (issue 12)', () => {
  it('attempts made before the link was opened on this device are never sent', async () => {
    const store = new MemoryDeviceStore();
    const a = { ...makeAssignment(), lrs: { endpoint: 'http://127.0.0.1:1/xapi' } };
    await deviceWithWork(store); // work from T0 + 1 h …
    const my = new MyTraining({ store, catalogue: catalogue(), origin: 'https://sop.example.com', now: clock(T0 + 86_400_000) });
    await my.load();
    await my.openLink(encodeAssignment(a)); // … the link arrives a day later
    await my.setName('张三');
    await my.setConsent(a.id, 'yes');
    expect(my.pendingStatements(a.id)).toEqual([]);
  });

  it('a link with a saved id but other content never replaces it silently; the trainee decides', async () => {
    const store = new MemoryDeviceStore();
    const a = makeAssignment();
    const my = new MyTraining({ store, catalogue: catalogue(), origin: 'https://sop.example.com', now: clock() });
    await my.load();
    await my.openLink(encodeAssignment(a));
    const forged = { ...a, passMark: 0, lrs: { endpoint: 'https://evil.example/xapi' } };
    await my.openLink(encodeAssignment(forged));
    expect(my.pendingReplace?.diff).toEqual(expect.arrayContaining(['及格线 80 → 0', '学习记录服务器不同']));
    let [saved] = await store.list<AssignmentRecord>('assignments');
    expect(saved!.assignment.passMark).toBe(80);
    my.keepSaved();
    expect(my.pendingReplace).toBeNull();
    await my.openLink(encodeAssignment(forged));
    await my.acceptReplace();
    [saved] = await store.list<AssignmentRecord>('assignments');
    expect(saved!.assignment.passMark).toBe(0);
    expect(my.needsConsent(my.assignments[0]!)).toBe(true);
  });

  it('a broken saved record can be removed and never blocks the others', async () => {
    const store = new MemoryDeviceStore();
    const good = makeAssignment({ id: 'goodone123' });
    await store.put('assignments', { id: 'broken', code: '1.xxxx.00000000' });
    await store.put('assignments', { id: good.id, code: encodeAssignment(good), openedAt: new Date(T0).toISOString() });
    const my = new MyTraining({ store, catalogue: catalogue(), origin: 'https://sop.example.com', now: clock() });
    await my.load();
    expect(my.phase).toBe('ready');
    expect(my.assignments.map((r) => r.id)).toEqual([good.id]);
    await my.removeBroken('broken');
    expect(my.recordProblems).toEqual([]);
    expect((await store.list<{ id: string }>('assignments')).map((r) => r.id)).toEqual([good.id]);
  });
});

describe('the trainer’s own assignments on a second device; accepting a flag after a look (issue 12)', () => {
  const asFile = (name: string, content: string): FileLike => ({ name, size: content.length, text: async () => content });
  /** The assignment as built on this device (the trainerAssignments store). */
  const ownAssignment = (store: MemoryDeviceStore, a: ReturnType<typeof makeAssignment>) => {
    const at = new Date(T0).toISOString();
    return store.put('trainerAssignments', {
      id: a.id,
      format: 'sop-trainer-assignment',
      formatVersion: 1,
      code: encodeAssignment(a),
      assignment: a,
      createdAt: at,
      updatedAt: at,
    });
  };

  it('results count only after the assignment is imported from the first device; a bad file changes nothing', async () => {
    const a = makeAssignment();
    const first = new MemoryDeviceStore();
    await ownAssignment(first, a);
    const d1 = new Dashboard({ store: first, loadData: async () => grading().data });
    await d1.load();
    const exported = d1.assignmentsFile();

    const second = new MemoryDeviceStore();
    const d2 = new Dashboard({ store: second, loadData: async () => grading().data });
    await d2.load();
    await d2.importFiles([asFile('zs.json', text(makeFile()))]);
    expect(d2.files[0]!.flags.map((f) => f.code)).toContain('foreign-assignment');
    await d2.importAssignments('这不是任务文件');
    expect(d2.assignmentsReport?.problems[0]).toContain('不是有效的任务文件');
    expect(await second.list('trainerAssignments')).toEqual([]);
    await d2.importAssignments(exported.text);
    expect(d2.assignmentsReport?.added).toBe(1);
    expect(d2.files[0]!.flags).toEqual([]);
    expect(d2.files[0]!.items.every((i) => i.counted)).toBe(true);
    // A forged version of the same id is never taken in.
    await d2.importAssignments(encodeAssignment({ ...a, passMark: 0 }));
    expect(d2.assignmentsReport?.problems[0]).toContain('内容不同的版本');
  });

  it('two trainees on one phone: flagged until the trainer accepts, then counted (kept on the device)', async () => {
    const a = makeAssignment();
    const store = new MemoryDeviceStore();
    await ownAssignment(store, a);
    const d = new Dashboard({ store, loadData: async () => grading().data });
    await d.load();
    await d.importFiles([
      asFile('a.json', text(makeFile({ name: '张三', device: 'sharedphone01' }))),
      asFile(
        'b.json',
        text(makeFile({ name: '李四', device: 'sharedphone01', attempts: [makeAttempt(quiz('cancel-order'), { seed: 77 })], chats: [] })),
      ),
    ]);
    expect(d.files.flatMap((f) => f.items).some((i) => i.counted)).toBe(false);
    for (const f of d.files) await d.accept(f, 'shared-device');
    expect(d.files.flatMap((f) => f.items).every((i) => i.counted)).toBe(true);
    const again = new Dashboard({ store, loadData: async () => grading().data });
    await again.load();
    expect(again.files.flatMap((f) => f.items).every((i) => i.counted)).toBe(true);
  });
});
