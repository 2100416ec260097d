/**
 * The chat island's session class (src/components/chat/chat-session.svelte.ts) with a fake clock
 * and the in-memory device store: a whole scenario driven turn by turn, waits measured from the
 * customer's message to the reply, the customer's typing pauses, the reply timer, the customer
 * leaving after a long silence, 结束对话, hints only in practice mode, the saved record, and a
 * report that is exactly scoreChat's — and the CLI's for the exported replies file.
 */
import { FakeClock } from './fake-clock.ts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ChatSession, TICK_MS, typingDelayMs } from '../../src/components/chat/chat-session.svelte.ts';
import type { ChatReportRecord } from '../../src/lib/chat/report-record.ts';
import {
  chatLabels,
  islandScenario,
  islandStandards,
  scenarioStandardIds,
  scenariosByTrack,
} from '../../src/components/chat/chat-index.ts';
import { repliesOfTranscript, turnNumbers, visitedTurns } from '../../src/components/chat/chat-format.ts';
import { DeviceStoreError, MemoryDeviceStore, type DeviceStore } from '../../src/components/state/device-store.ts';
import { buildChatRules } from '../../src/lib/chat/rules.ts';
import { scoreChat } from '../../src/lib/chat/score.ts';
import { parseRepliesFile } from '../../src/lib/chat/replies-file.ts';
import { buildSiteIndex } from '../../src/lib/content/site-index.ts';
import { loadContent } from '../../src/lib/node/load-content.ts';
import { chatJson } from '../../src/cli/commands/score-chat.ts';
import type { Scenario } from '../../src/schemas/scenario.ts';
import { REPO, runSop } from './cli-helpers.ts';

const content = loadContent(REPO);
const site = buildSiteIndex(content);
const allRules = buildChatRules(content.standards);
const scenarioById = (id: string): Scenario => islandScenario(content.scenarios!.find((s) => s.id === id)!);
const bargain = scenarioById('bargain-repeat');
/** What the island gets: the scenario and the standards subset. */
const standardsFor = (sc: Scenario) => islandStandards(site, sc);

const tmp = mkdtempSync(join(tmpdir(), 'chat-session-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function setup(sc: Scenario = bargain, store: DeviceStore = new MemoryDeviceStore()) {
  const clock = new FakeClock();
  const session = new ChatSession(sc, standardsFor(sc), { store, clock });
  return { clock, session, store };
}

/** Lets the customer finish typing; returns the clock time of their last line. */
function customerDone(clock: FakeClock, session: ChatSession): number {
  clock.runUntil(() => !session.customerTyping);
  return clock.t;
}

/** The strong bargain-repeat chat: [text, ms after the latest message]. */
const STRONG: Array<[string, number]> = [
  ['亲，您好～欢迎光临！请问是看中这款单肩包了吗？', 6000],
  ['这款包是公司统一定价的，我们客服没有改价的权限哦，头层牛皮做工很扎实，价格已经很实惠啦～', 9000],
  ['亲，理解您想划算一点～我这边确实没有权限，我去帮您向主管申请一下，请您稍等我2分钟哦！', 10000],
  ['亲，让您久等了！主管说价格改不了，不过特意给您争取了一个同系列的皮质卡包作为赠品，您看可以吗？', 140000],
  ['谢谢亲！赠品是小卡包，您拍下后我在订单里备注加赠，并且让仓库仔细包装，今天就安排发货～', 11000],
  ['有问题随时找我，祝您购物愉快，再见！', 5000],
];

function cli(file: string, scenario: string) {
  const r = runSop(REPO, ['score-chat', '--json', '--scenario', scenario, '--replies', file], 30_000);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

describe('ChatSession: a whole scenario, turn by turn', () => {
  it('plays bargain-repeat to its satisfied ending with waits measured from the customer’s latest line', async () => {
    const { clock, session, store } = setup();
    expect(session.phase).toBe('loading');
    await session.load();
    expect(session.phase).toBe('intro');
    expect(session.history).toEqual([]);

    const t0 = clock.t;
    session.start('practice');
    expect(session.phase).toBe('chat');
    expect(session.lines).toEqual([{ id: 1, from: 'customer', text: bargain.opening, at: t0, turn: 'first-ask' }]);
    expect(session.customerTyping).toBe(false);
    expect(session.wait).toMatchObject({ ms: 0, kind: 'first', limitSec: 15, level: 'ok' });

    const sentAt: number[] = [];
    for (const [i, [text, ms]] of STRONG.entries()) {
      const before = session.lastAt;
      clock.advance(ms);
      expect(session.now).toBeGreaterThan(clock.t - TICK_MS - 1); // the timer ticks
      const customerLines = session.lines.length;
      expect(session.send(text)).toBe(true);
      sentAt.push(clock.t);
      expect(session.replies[i]).toEqual({ text, afterMs: clock.t - before });
      expect(session.replies[i]!.afterMs).toBe(ms);
      expect(session.lines.at(-1)).toMatchObject({ from: 'agent', text, at: clock.t });
      if (session.phase === 'finished') break;
      if (session.customerTyping) {
        // The customer answers after a typing pause of 1-3 s per line; sending waits meanwhile.
        expect(session.canSend).toBe(false);
        expect(session.send('还在吗？')).toBe(false);
        expect(session.wait).toBeNull();
        const lineAt = customerDone(clock, session);
        const shown = session.lines.slice(customerLines + 1).filter((l) => l.from === 'customer');
        expect(shown.length).toBeGreaterThan(0);
        expect(shown[0]!.at - sentAt.at(-1)!).toBe(typingDelayMs(shown[0]!.text));
        for (const l of shown) expect(typingDelayMs(l.text)).toBeGreaterThanOrEqual(1000);
        expect(session.lastAt).toBe(lineAt);
      }
    }

    expect(session.phase).toBe('finished');
    expect(session.endedBy).toBe('ending');
    const replies = STRONG.map(([text, afterMs]) => ({ text, afterMs }));
    expect(session.replies).toEqual(replies);
    const expected = scoreChat(bargain, replies, allRules);
    expect(session.report).toEqual(expected);
    expect(expected.score).toBeGreaterThanOrEqual(88);
    expect(session.report!.ending.id).toBe('deal');

    // Saved to "chatReports": the record shape, the replies and the report.
    await session.saved();
    const [record] = await store.list<ChatReportRecord>('chatReports');
    expect(record).toEqual({
      id: `bargain-repeat-${t0.toString(36)}`,
      updatedAt: new Date(clock.t).toISOString(),
      format: 'sop-chat-report',
      formatVersion: 1,
      scenario: 'bargain-repeat',
      scenarioVersion: bargain.version,
      mode: 'practice',
      startedAt: new Date(t0).toISOString(),
      finishedAt: new Date(clock.t).toISOString(),
      endedBy: 'ending',
      hintsUsed: 0,
      replies,
      report: JSON.parse(JSON.stringify(expected)),
    });
    expect(session.history.map((r) => r.id)).toEqual([record!.id]);

    // The export is the CLI's replies file, and the CLI gives the same report.
    const file = session.exportFile();
    expect(file.name).toMatch(/^sop-chat-bargain-repeat-\d{4}-\d{2}-\d{2}\.json$/);
    expect(JSON.parse(file.text)).toEqual({ replies });
    expect(parseRepliesFile(file.text)).toEqual({ ok: true, replies });
    const path = join(tmp, file.name);
    writeFileSync(path, file.text);
    expect(cli(path, 'bargain-repeat')).toEqual(JSON.parse(JSON.stringify(chatJson(session.report!))));
  });

  it('a poor chat (我不能, 50 元) gets the same failed findings and marked transcript as scoreChat', async () => {
    const { clock, session } = setup();
    await session.load();
    session.start('exam');
    const poor: Array<[string, number]> = [
      ['在的，我不能改价', 25000],
      ['那给你便宜50元吧，你拍吧', 22000],
    ];
    for (const [text, ms] of poor) {
      clock.advance(ms);
      expect(session.send(text)).toBe(true);
      if (session.customerTyping) customerDone(clock, session);
    }
    expect(session.turnId).toBe('pushes-more');
    clock.advance(3000);
    await session.end();
    expect(session.endedBy).toBe('trainee');
    expect(session.replies.map((r) => r.afterMs)).toEqual([25000, 22000]);
    const expected = scoreChat(bargain, session.replies, allRules);
    expect(session.report).toEqual(expected);
    const failed = expected.findings.filter((f) => !f.passed);
    expect(failed.map((f) => f.standard)).toEqual(
      expect.arrayContaining(['negative-phrases', 'discount-authority', 'first-response-time']),
    );
    expect(expected.transcript.some((e) => e.from === 'agent' && e.problems?.some((p) => p.includes('我不能')))).toBe(true);
  });
});

describe('ChatSession: the reply timer and the customer leaving', () => {
  it('turns amber near the limit and red past it: 15 s for the first reply, 20 s later, 180 s after 稍等', async () => {
    const { clock, session } = setup();
    await session.load();
    session.start('practice');
    clock.advance(9_000);
    expect(session.wait).toMatchObject({ kind: 'first', limitSec: 15, level: 'ok' });
    clock.advance(1_000);
    expect(session.wait).toMatchObject({ ms: 10_000, level: 'warn' });
    clock.advance(5_000);
    expect(session.wait).toMatchObject({ ms: 15_000, level: 'warn' });
    clock.advance(TICK_MS);
    expect(session.wait!.level).toBe('late');

    // A greeting alone does not move the turn, but the customer answers it (no waiting for a second message).
    session.send('亲，您好！请问有什么可以帮您？');
    customerDone(clock, session);
    expect(session.turnId).toBe('first-ask');
    expect(session.wait).toMatchObject({ kind: 'reply', limitSec: 20, ms: 0 });
    clock.advance(15_000);
    expect(session.wait!.level).toBe('warn');
    session.send('这款包是公司统一定价，客服没有改价的权限哦');
    customerDone(clock, session);
    expect(session.turnId).toBe('asks-again');
    expect(session.wait).toMatchObject({ kind: 'reply', limitSec: 20, ms: 0 });

    clock.advance(5_000);
    session.send('亲，我去帮您向主管申请一下，请您稍等我2分钟哦！');
    customerDone(clock, session);
    expect(session.turnId).toBe('waiting');
    expect(session.wait).toMatchObject({ kind: 'after-hold', limitSec: 180 });
    clock.advance(174_000);
    expect(session.wait!.level).toBe('ok');
    clock.advance(1_000);
    expect(session.wait!.level).toBe('warn');
  });

  it('the customer leaves after limit + 120 s of silence; the replies file gets one empty reply with that wait and reproduces the report', async () => {
    const { clock, session, store } = setup();
    await session.load();
    session.start('practice');
    clock.advance(8_000);
    session.send('亲，您好！这款包是公司统一定价，客服没有改价的权限，请您理解～');
    const lastLine = customerDone(clock, session);
    expect(session.turnId).toBe('asks-again');
    clock.advance(139_000);
    expect(session.phase).toBe('chat');
    clock.advance(2_000);
    expect(session.phase).toBe('finished');
    expect(session.endedBy).toBe('customer-left');
    const silence = session.replies.at(-1)!;
    expect(silence.text).toBe('');
    expect(silence.afterMs).toBeGreaterThan(140_000);
    expect(silence.afterMs).toBeLessThanOrEqual(clock.t - lastLine);
    const expected = scoreChat(bargain, session.replies, allRules);
    expect(session.report).toEqual(expected);
    expect(expected.ending.id).toBe('customer-left');
    expect(expected.metrics.ignoredReplies).toBe(1);
    expect(expected.findings.some((f) => f.standard === 'reply-response-time' && !f.passed && f.message.includes('离开'))).toBe(true);

    await session.saved();
    const [record] = await store.list<ChatReportRecord>('chatReports');
    expect(record!.endedBy).toBe('customer-left');
    const path = join(tmp, 'left.json');
    writeFileSync(path, session.exportFile().text);
    expect(cli(path, 'bargain-repeat')).toEqual(JSON.parse(JSON.stringify(chatJson(session.report!))));
  });

  it('a customer never answered leaves after 15 + 120 s: first-response finding, score 0', async () => {
    const { clock, session } = setup();
    await session.load();
    session.start('exam');
    clock.advance(136_000);
    expect(session.phase).toBe('finished');
    expect(session.report).toEqual(scoreChat(bargain, session.replies, allRules));
    expect(session.report!.score).toBe(0);
    expect(session.report!.findings[0]).toMatchObject({ standard: 'first-response-time', passed: false });
  });

  it('keeps the scenario’s content fingerprint with the saved record when it is given one', async () => {
    const store = new MemoryDeviceStore();
    const clock = new FakeClock();
    const session = new ChatSession(bargain, standardsFor(bargain), { store, clock, scenarioHash: 'abcd1234' });
    await session.load();
    session.start('practice');
    clock.advance(5_000);
    session.send('亲，您好！');
    await session.end();
    const [record] = await store.list<ChatReportRecord>('chatReports');
    expect(record?.scenarioHash).toBe('abcd1234');
  });

  it('结束对话 ends the chat as the engine does when the replies run out', async () => {
    const { clock, session } = setup();
    await session.load();
    session.start('practice');
    clock.advance(7_000);
    session.send('亲，您好！请问有什么可以帮您？');
    clock.advance(30_000);
    await session.end();
    expect(session.phase).toBe('finished');
    expect(session.endedBy).toBe('trainee');
    expect(session.replies).toEqual([{ text: '亲，您好！请问有什么可以帮您？', afterMs: 7000 }]);
    expect(session.report).toEqual(scoreChat(bargain, session.replies, allRules));
    // No timer runs after the end.
    const lines = session.lines.length;
    clock.advance(600_000);
    expect(session.lines.length).toBe(lines);
    expect(session.send('还在吗')).toBe(false);
  });
});

describe('ChatSession: what is sent, hints, retry, storage', () => {
  it('keeps the text as typed (new lines, markup) and sends nothing for blank input', async () => {
    const { clock, session } = setup();
    await session.load();
    session.start('practice');
    clock.advance(3_000);
    expect(session.send('   \n  ')).toBe(false);
    expect(session.replies).toEqual([]);
    expect(session.send('<script>alert(1)</script>\n第二行')).toBe(true);
    expect(session.lines.at(-1)!.text).toBe('<script>alert(1)</script>\n第二行');
    expect(session.replies).toEqual([{ text: '<script>alert(1)</script>\n第二行', afterMs: 3000 }]);
  });

  it('practice mode: the hint shows the turn’s key points and model replies, counts once per turn, closes on a new turn', async () => {
    const { clock, session } = setup();
    await session.load();
    session.start('practice');
    const first = bargain.turns[0]!;
    expect(session.hint).toEqual({
      expect: first.expect.map((k) => k.label),
      avoid: first.avoid.map((k) => k.label),
      modelReplies: first.modelReplies,
    });
    session.toggleHint();
    expect(session.hintOpen).toBe(true);
    session.toggleHint();
    session.toggleHint();
    expect(session.hintsUsed).toBe(1);
    clock.advance(5_000);
    session.send('亲，您好！这款包是公司统一定价，客服没有改价的权限，请您理解～');
    expect(session.hintOpen).toBe(false);
    customerDone(clock, session);
    expect(session.hint!.modelReplies).toEqual(bargain.turns.find((t) => t.id === 'asks-again')!.modelReplies);
    session.toggleHint();
    expect(session.hintsUsed).toBe(2);
    await session.end();
    expect(session.record!.hintsUsed).toBe(2);
  });

  it('exam mode has no hints', async () => {
    const { session } = setup();
    await session.load();
    session.start('exam');
    expect(session.hint).toBeNull();
    session.toggleHint();
    expect(session.hintOpen).toBe(false);
    expect(session.hintsUsed).toBe(0);
  });

  it('shows a turn’s situation as a note once the customer has finished typing', async () => {
    const sc = scenarioById('cancel-printed');
    const { clock, session } = setup(sc);
    await session.load();
    session.start('practice');
    const withSituation = sc.turns.find((t) => t.situation)!;
    // Drive the model replies until that turn is reached.
    for (let guard = 0; guard < 20 && session.phase === 'chat' && session.turnId !== withSituation.id; guard++) {
      const turn = session.turn!;
      for (const text of turn.modelReplies) {
        clock.advance(5_000);
        session.send(text);
        if (session.customerTyping) customerDone(clock, session);
        if (session.turnId !== turn.id) break;
      }
    }
    expect(session.turnId).toBe(withSituation.id);
    expect(session.lines.at(-1)).toMatchObject({ from: 'note', text: withSituation.situation });
  });

  it('retry starts a fresh chat in the same or the other mode; the device keeps both reports', async () => {
    const { clock, session, store } = setup();
    await session.load();
    session.start('practice');
    clock.advance(4_000);
    session.send('亲，您好～');
    await session.end();
    clock.advance(60_000);
    session.retry('exam');
    expect(session.phase).toBe('chat');
    expect(session.mode).toBe('exam');
    expect(session.lines).toHaveLength(1);
    expect(session.replies).toEqual([]);
    expect(session.report).toBeNull();
    await session.end();
    expect((await store.list('chatReports')).length).toBe(2);
    expect(session.history).toHaveLength(2);
    expect(session.history[0]!.mode).toBe('exam');
  });

  it('a failing store does not stop the chat: the report is shown and the problem kept', async () => {
    const store = new MemoryDeviceStore();
    store.put = async () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    const { clock, session } = setup(bargain, store);
    await session.load();
    session.start('practice');
    clock.advance(4_000);
    session.send('亲，您好～');
    await session.end();
    expect(session.report).not.toBeNull();
    expect(session.problem).toBeInstanceOf(DeviceStoreError);
    expect(session.problem!.reason).toBe('quota');
  });
});

describe('chat pages: what the island gets', () => {
  it('the standards subset builds the same rules as all standards (the CLI’s)', () => {
    for (const sc of content.scenarios!) {
      const { known: _a, ...mine } = buildChatRules(standardsFor(sc));
      const { known: _b, ...theirs } = allRules;
      expect(mine).toEqual(theirs);
      const ids = standardsFor(sc).map((s) => s.id);
      expect(new Set(ids)).toEqual(new Set(scenarioStandardIds(sc).filter((id) => site.standard.has(id))));
    }
  });

  it('the scenario prop has no loader extras; labels name the workflow, its steps and the scripts', () => {
    expect(Object.keys(bargain)).not.toContain('file');
    const labels = chatLabels(site, bargain);
    expect(labels.workflow).toEqual({ id: 'presales-reception', title: site.workflow.get('presales-reception')!.title });
    for (const id of bargain.scripts) expect(labels.scripts[id]).toBe(site.script.get(id)!.title);
    for (const t of bargain.turns) if (t.step) expect(labels.steps[t.step]).toBeTruthy();
  });

  it('groups every scenario under its track, in track order', () => {
    const groups = scenariosByTrack(site, content.scenarios!);
    expect(groups.flatMap((g) => g.scenarios).length).toBe(content.scenarios!.length);
    const order = site.tracks.map((t) => t.id);
    const seen = groups.map((g) => order.indexOf(g.track!.id));
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });

  it('report helpers: turn numbers, the reply behind each agent line, the visited turns', () => {
    const replies = STRONG.map(([text, afterMs]) => ({ text, afterMs }));
    const report = scoreChat(bargain, replies, allRules);
    expect([...turnNumbers(report.transcript).keys()]).toEqual(['first-ask', 'asks-again', 'waiting', 'gift-offered']);
    const byLine = repliesOfTranscript(report.transcript, replies);
    expect([...byLine.values()]).toEqual(replies);
    for (const [i, r] of byLine) expect(report.transcript[i]!.text).toBe(r.text);
    const visited = visitedTurns(bargain, report);
    expect(visited.map((v) => [v.turn.id, v.number])).toEqual([
      ['first-ask', 1],
      ['asks-again', 2],
      ['waiting', 3],
      ['gift-offered', 4],
    ]);
    expect(visited[0]!.customer[0]).toBe(bargain.opening);
  });
});
