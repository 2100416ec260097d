/**
 * No work lost in the chat island (issue 12, item 5), with a fake clock, the in-memory device
 * store, in-memory drafts and tab locks: a chat in progress survives a reload (resumed at the same
 * turn by replaying the replies through the engine; the time away counts as waiting), one tab owns
 * a scenario's chat, the input stops at CHAT_INPUT_MAX_CHARS, a chat ends at MAX_CHAT_REPLIES, a
 * report is never overwritten and can be deleted. Each test is an attack that failed before.
 */
import { FakeClock } from './fake-clock.ts';
import { describe, expect, it } from 'vitest';
import {
  CHAT_INPUT_MAX_CHARS,
  ChatSession,
  MAX_CHAT_REPLIES,
  TICK_MS,
  chatDraftKey,
} from '../../src/components/chat/chat-session.svelte.ts';
import { islandScenario, islandStandards } from '../../src/components/chat/chat-index.ts';
import { MemoryDeviceStore, type DeviceStore } from '../../src/components/state/device-store.ts';
import { MemoryDrafts } from '../../src/components/state/drafts.ts';
import { MemoryTabLocks, noTabLock, type TabLock } from '../../src/components/state/tab-lock.ts';
import type { ChatReportRecord } from '../../src/lib/chat/report-record.ts';
import { buildChatRules } from '../../src/lib/chat/rules.ts';
import { scoreChat } from '../../src/lib/chat/score.ts';
import { buildSiteIndex } from '../../src/lib/content/site-index.ts';
import { loadContent } from '../../src/lib/node/load-content.ts';
import { chatEntrySchema } from '../../src/lib/training/result-file.ts';
import type { Scenario } from '../../src/schemas/scenario.ts';
import { REPO } from './cli-helpers.ts';

const content = loadContent(REPO);
const site = buildSiteIndex(content);
const bargain: Scenario = islandScenario(content.scenarios!.find((s) => s.id === 'bargain-repeat')!);
const standards = islandStandards(site, bargain);
const rules = buildChatRules(standards);

interface World {
  clock: FakeClock;
  store: DeviceStore;
  drafts: MemoryDrafts;
  locks: MemoryTabLocks;
}

function world(): World {
  return { clock: new FakeClock(), store: new MemoryDeviceStore(), drafts: new MemoryDrafts(), locks: new MemoryTabLocks() };
}

function tab(w: World, lock: TabLock = w.locks.tab()) {
  return new ChatSession(bargain, standards, { store: w.store, clock: w.clock, drafts: w.drafts, lock, typingMs: () => 1500 });
}

/** Lets the customer finish typing. */
function customerDone(w: World, s: ChatSession) {
  for (let i = 0; i < 100 && s.customerTyping; i++) w.clock.advance(500);
}

const FIRST = [
  '亲，您好～欢迎光临！请问是看中这款单肩包了吗？',
  '这款包是公司统一定价的，我们客服没有改价的权限哦，头层牛皮做工很扎实，价格已经很实惠啦～',
];
const REST = [
  '亲，理解您想划算一点～我这边确实没有权限，我去帮您向主管申请一下，请您稍等我2分钟哦！',
  '亲，让您久等了！主管说价格改不了，不过特意给您争取了一个同系列的皮质卡包作为赠品，您看可以吗？',
  '谢谢亲！赠品是小卡包，您拍下后我在订单里备注加赠，并且让仓库仔细包装，今天就安排发货～',
  '有问题随时找我，祝您购物愉快，再见！',
];

/** Plays `texts`, each 5 s after the latest line, letting the customer answer. */
function play(w: World, s: ChatSession, texts: string[]) {
  for (const text of texts) {
    if (s.phase !== 'chat') return;
    w.clock.advance(5000);
    expect(s.send(text)).toBe(true);
    customerDone(w, s);
  }
}

const shown = (s: ChatSession) => s.lines.map((l) => [l.from, l.text, l.turn]);

describe('ChatSession: a chat in progress survives a reload', () => {
  it('resumes at the same turn with the same lines, replies, mode and hints; the finished report equals scoreChat of all replies', async () => {
    const w = world();
    const before = tab(w);
    await before.load();
    before.start('practice');
    before.toggleHint();
    play(w, before, FIRST);
    const turn = before.turnId;
    const lines = shown(before);
    const replies = structuredClone($snapshot(before.replies));
    // Reload 3 s later: the page, its timers and its lock are gone.
    w.clock.advance(3000);
    w.clock.drop();
    before.dispose();
    const after = tab(w);
    await after.load();
    expect(after.phase).toBe('chat');
    expect(after.resumed).toBe(true);
    expect(after.mode).toBe('practice');
    expect(after.turnId).toBe(turn);
    expect(shown(after)).toEqual(lines);
    expect(after.replies).toEqual(replies);
    expect(after.hintsUsed).toBe(1);
    // The wait kept running while the page was gone.
    expect(after.wait?.ms).toBe(3000);
    play(w, after, REST);
    if (after.phase === 'chat') await after.end();
    await after.saved();
    expect(after.phase).toBe('finished');
    expect(after.replies.slice(0, 2)).toEqual(replies);
    expect(after.report).toEqual(scoreChat(bargain, $snapshot(after.replies), rules));
    const [record] = await w.store.list<ChatReportRecord>('chatReports');
    expect(record).toMatchObject({
      mode: 'practice',
      hintsUsed: 1,
      startedAt: new Date(Date.parse('2025-06-01T08:00:00.000Z')).toISOString(),
    });
    expect(w.drafts.getItem(chatDraftKey(bargain.id))).toBeNull();
  });

  it('an exam chat reloaded right after the start comes back in exam mode at the opening', async () => {
    const w = world();
    const before = tab(w);
    await before.load();
    before.start('exam');
    w.clock.drop();
    before.dispose();
    const after = tab(w);
    await after.load();
    expect(after.phase).toBe('chat');
    expect(after.mode).toBe('exam');
    expect(after.replies).toEqual([]);
    expect(after.hint).toBeNull();
  });

  it('time away counts: back after 10 minutes, the customer has left (customer-left, saved), the wait capped, the file valid', async () => {
    const w = world();
    const before = tab(w);
    await before.load();
    before.start('practice');
    play(w, before, FIRST);
    w.clock.drop();
    before.dispose();
    w.clock.advance(10 * 60_000);
    const after = tab(w);
    await after.load();
    expect(after.phase).toBe('chat');
    w.clock.advance(TICK_MS);
    await after.saved();
    expect(after.phase).toBe('finished');
    expect(after.endedBy).toBe('customer-left');
    const last = after.replies.at(-1)!;
    expect(last.text).toBe('');
    const limit = (after.limits.replySec + after.limits.leaveAfterSec) * 1000;
    expect(last.afterMs).toBeGreaterThan(limit);
    expect(last.afterMs).toBeLessThanOrEqual(limit + TICK_MS);
    const [record] = await w.store.list<ChatReportRecord>('chatReports');
    expect(record!.endedBy).toBe('customer-left');
    expect(chatEntrySchema.safeParse({ ...record, scenarioHash: '0123abcd', result: undefined, report: undefined }).success).toBe(true);
  });

  it('a message sent after days away (tab frozen, no tick) is not sent: the customer left, with a wait under 24 h', async () => {
    const w = world();
    const s = tab(w);
    await s.load();
    s.start('practice');
    play(w, s, FIRST);
    w.clock.t += 3 * 86_400_000; // frozen: no timer ran
    expect(s.send('亲，还在吗？')).toBe(false);
    await s.saved();
    expect(s.endedBy).toBe('customer-left');
    expect(s.replies.at(-1)!.afterMs).toBeLessThan(86_400_000);
  });

  it('customer lines still typing at the reload appear at once, and the wait starts on return', async () => {
    const w = world();
    const before = tab(w);
    await before.load();
    before.start('practice');
    w.clock.advance(5000);
    before.send(FIRST[0]!);
    before.send(FIRST[1]!);
    customerDone(w, before);
    w.clock.advance(5000);
    before.send(REST[0]!);
    expect(before.customerTyping).toBe(true);
    const turn = before.turnId;
    w.clock.drop();
    before.dispose();
    w.clock.advance(60_000);
    const after = tab(w);
    await after.load();
    expect(after.turnId).toBe(turn);
    expect(after.customerTyping).toBe(false);
    expect(after.wait?.ms).toBe(0);
    expect(after.lines.filter((l) => l.from === 'customer').length).toBeGreaterThan(
      before.lines.filter((l) => l.from === 'customer').length,
    );
  });

  it('a draft of another scenario version is not resumed (and dropped)', async () => {
    const w = world();
    const before = tab(w);
    await before.load();
    before.start('practice');
    const key = chatDraftKey(bargain.id);
    w.drafts.setItem(key, JSON.stringify({ ...JSON.parse(w.drafts.getItem(key)!), scenarioVersion: bargain.version + 1 }));
    before.dispose();
    const after = tab(w);
    await after.load();
    expect(after.phase).toBe('intro');
    expect(w.drafts.getItem(key)).toBeNull();
  });
});

describe('ChatSession: one tab owns a scenario’s chat', () => {
  it('the second tab cannot start or send until it takes over; then it continues the same chat and the first tab stops', async () => {
    const w = world();
    const one = tab(w);
    await one.load();
    one.start('practice');
    play(w, one, FIRST);
    const two = tab(w);
    await two.load();
    expect(two.readOnly).toBe('other-tab');
    expect(two.phase).toBe('intro');
    two.start('exam');
    expect(two.phase).toBe('intro');
    expect(two.send('你好')).toBe(false);

    await two.takeOver();
    expect(two.readOnly).toBeNull();
    expect(two.phase).toBe('chat');
    expect(two.turnId).toBe(one.turnId);
    expect(two.replies).toEqual($snapshot(one.replies));
    expect(one.readOnly).toBe('taken-over');
    expect(one.canSend).toBe(false);
    expect(one.send(REST[0]!)).toBe(false);
    await one.end();
    expect(one.phase).toBe('chat');
    // The first tab's timers stopped: it never makes the customer leave nor saves a report.
    const before = one.replies.length;
    play(w, two, REST);
    if (two.phase === 'chat') await two.end();
    await two.saved();
    w.clock.advance(30 * 60_000);
    expect(one.replies.length).toBe(before);
    const reports = await w.store.list<ChatReportRecord>('chatReports');
    expect(reports).toHaveLength(1);
    expect(reports[0]!.replies).toEqual($snapshot(two.replies));
  });

  it('a report is never overwritten by another save with the same id', async () => {
    const w = world();
    const s = tab(w, noTabLock);
    await s.load();
    s.start('practice');
    play(w, s, FIRST);
    const id = `${bargain.id}-${Date.parse('2025-06-01T08:00:00.000Z').toString(36)}`;
    const other = { id, marker: 'saved by another tab' };
    await w.store.put('chatReports', other);
    await s.end();
    expect(await w.store.get('chatReports', id)).toEqual(other);
  });
});

describe('ChatSession: limits that keep every chat importable', () => {
  it(`send() refuses a message over ${CHAT_INPUT_MAX_CHARS} characters; exactly the limit is sent`, async () => {
    const w = world();
    const s = tab(w);
    await s.load();
    s.start('practice');
    w.clock.advance(3000);
    expect(s.send('好'.repeat(CHAT_INPUT_MAX_CHARS + 100))).toBe(false);
    expect(s.replies).toEqual([]);
    expect(s.send('好'.repeat(CHAT_INPUT_MAX_CHARS))).toBe(true);
    expect(s.replies[0]!.text).toHaveLength(CHAT_INPUT_MAX_CHARS);
  });

  it(`a chat ends at ${MAX_CHAT_REPLIES} replies, and its entry fits the result file`, async () => {
    const w = world();
    const s = tab(w);
    await s.load();
    s.start('practice');
    for (let i = 0; i < MAX_CHAT_REPLIES + 50 && s.phase === 'chat'; i++) {
      w.clock.advance(1000);
      s.send(`好的${i}`);
      customerDone(w, s);
    }
    await s.saved();
    expect(s.phase).toBe('finished');
    expect(s.replies.length).toBeLessThanOrEqual(MAX_CHAT_REPLIES);
    const [record] = await w.store.list<ChatReportRecord>('chatReports');
    const entry = {
      scenario: record!.scenario,
      scenarioVersion: record!.scenarioVersion,
      scenarioHash: '0123abcd',
      startedAt: record!.startedAt,
      finishedAt: record!.finishedAt,
      replies: record!.replies,
    };
    expect(chatEntrySchema.safeParse(entry).success).toBe(true);
  });
});

describe('ChatSession: deleting a report', () => {
  it('deleteReport removes the report from the device and from the history', async () => {
    const w = world();
    const s = tab(w);
    await s.load();
    s.start('practice');
    play(w, s, FIRST);
    await s.end();
    expect(s.history).toHaveLength(1);
    await s.deleteReport(s.history[0]!.id);
    expect(s.history).toEqual([]);
    expect(await w.store.list('chatReports')).toEqual([]);
    // An id that is not one of this scenario's reports is left alone.
    await w.store.put('chatReports', { id: 'other-scenario-1', scenario: 'other' });
    await s.deleteReport('other-scenario-1');
    expect(await w.store.list('chatReports')).toHaveLength(1);
  });
});

function $snapshot<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
