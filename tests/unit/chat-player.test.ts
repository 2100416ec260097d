import { describe, expect, it } from 'vitest';
import { playChat, sanitizeMs, startChat, MAX_WAIT_MS } from '../../src/lib/chat/player.ts';
import { CURT_CAP, scoreChat } from '../../src/lib/chat/score.ts';
import { fixtureRules, fixtureScenario, modelReplies, scenario } from './chat-helpers.ts';

const rules = fixtureRules();

/** Two turns: the agent must apologise (any order of messages), then close. */
const twoTurns = scenario({
  id: 'two-turns',
  title: '测试',
  version: 1,
  track: 'ecommerce',
  workflow: 'presales-reception',
  standards: ['polite-phrases'],
  brief: '测试。',
  persona: { name: '顾客', description: '测试顾客。', mood: '平静' },
  opening: '东西坏了',
  intents: { fixes: ['补发', '换新'] },
  turns: [
    {
      id: 'start',
      expect: [
        { label: '致歉', intents: ['apologises'] },
        { label: '补发', intents: ['fixes'] },
      ],
      branches: [
        { when: { all: ['apologises', 'fixes'] }, next: 'close' },
        { when: { any: ['fixes'] }, next: 'close', atEnd: true },
      ],
      default: 'angry',
      modelReplies: ['非常抱歉，马上给您补发。'],
    },
    {
      id: 'close',
      customer: ['好吧', '那你快点'],
      branches: [{ when: { any: ['closes'] }, next: 'happy' }],
      default: 'happy',
      modelReplies: ['谢谢您，再见！'],
    },
  ],
  endings: [
    { id: 'happy', kind: 'satisfied', text: '满意。' },
    { id: 'angry', kind: 'escalates', text: '投诉。' },
  ],
});

/** One message alone that the customer answers at once (the opening and one line). */
function expectAnswered(text: string, afterMs: number): void {
  const play = playChat(twoTurns, [{ text, afterMs }], rules);
  expect(
    play.messages.filter((m) => m.from === 'customer'),
    text,
  ).toHaveLength(2);
}

/** Three agent messages in a row get no customer line before the third: the customer waited for the rest. */
function expectWaitedThrough(replies: { text: string; afterMs: number }[]): void {
  const play = playChat(twoTurns, replies, rules);
  expect(play.messages.slice(0, 4).map((m) => m.from)).toEqual(['customer', 'agent', 'agent', 'agent']);
  expect(play.visits[0]?.agent).toHaveLength(3);
}

/** The chat goes from the first turn to the closing one and ends content; returns the play for more checks. */
function expectClosedHappy(replies: { text: string; afterMs: number }[]): ReturnType<typeof playChat> {
  const play = playChat(twoTurns, replies, rules);
  expect(play.visits.map((v) => v.turn)).toEqual(['start', 'close']);
  expect(play.ending.id).toBe('happy');
  return play;
}

describe('playChat: turns and branches', () => {
  it('starts with the opening and moves on as soon as a branch holds', () => {
    const play = playChat(
      twoTurns,
      [
        { text: '非常抱歉，马上给您补发', afterMs: 5000 },
        { text: '请您稍等，再见', afterMs: 4000 },
      ],
      rules,
    );
    expect(play.messages.map((m) => [m.from, m.text, m.atMs, m.turn])).toEqual([
      ['customer', '东西坏了', 0, 'start'],
      ['agent', '非常抱歉，马上给您补发', 5000, 'start'],
      ['customer', '好吧', 5000, 'close'],
      ['customer', '那你快点', 5000, 'close'],
      ['agent', '请您稍等，再见', 9000, 'close'],
    ]);
    expect(play.ending.id).toBe('happy');
    expect(play.endedBy).toBe('branch');
  });

  it('collects intents over several messages of the same turn', () => {
    expectClosedHappy([
      { text: '不好意思', afterMs: 5000 },
      { text: '给您补发', afterMs: 5000 },
      { text: '再见', afterMs: 3000 },
    ]);
  });

  it('takes an atEnd branch once the customer stops waiting, before the default; while a point of the turn is still open they read on', () => {
    const play = playChat(
      twoTurns,
      [
        { text: '给您补发', afterMs: 5000 },
        { text: '好的', afterMs: 5000 },
        { text: '再见', afterMs: 3000 },
      ],
      rules,
    );
    // 补发 made, the apology still open: the customer answers and waits for the rest …
    expect(play.messages.filter((m) => m.turn === 'start' && m.from === 'agent')).toHaveLength(2);
    expect(play.messages[2]).toMatchObject({ from: 'customer', turn: 'start' });
    // … and takes the good-enough branch when the rest brings nothing.
    expect(play.messages.find((m) => m.from === 'customer' && m.turn === 'close')).toBeDefined();
    expect(play.ending.id).toBe('happy');
    // A customer who only listens to one message (maxReplies 1) moves on at once.
    const brisk = scenario({ ...twoTurns, turns: [{ ...twoTurns.turns[0]!, maxReplies: 1 }, twoTurns.turns[1]!] });
    const once = playChat(
      brisk,
      [
        { text: '给您补发', afterMs: 5000 },
        { text: '再见', afterMs: 3000 },
      ],
      rules,
    );
    expect(once.messages.filter((m) => m.turn === 'start' && m.from === 'agent')).toHaveLength(1);
    const none = playChat(
      twoTurns,
      [
        { text: '嗯', afterMs: 5000 },
        { text: '哦', afterMs: 5000 },
      ],
      rules,
    );
    expect(none.ending.id).toBe('angry');
    expect(none.endedBy).toBe('default');
  });

  it('an atEnd branch also counts what was said earlier in the chat (an answer given a turn early)', () => {
    const early = scenario({
      ...twoTurns,
      turns: [
        { ...twoTurns.turns[0]!, branches: [{ when: { any: ['apologises'] }, next: 'close' }] },
        {
          ...twoTurns.turns[1]!,
          branches: [{ when: { any: ['fixes'] }, next: 'happy', atEnd: true }],
          default: 'angry',
        },
      ],
    });
    const play = playChat(
      early,
      [
        { text: '非常抱歉，马上给您补发', afterMs: 1000 },
        { text: '好的，再见', afterMs: 1000 },
      ],
      rules,
    );
    expect(play.ending.id).toBe('happy');
    const never = playChat(
      early,
      [
        { text: '非常抱歉', afterMs: 1000 },
        { text: '好的，再见', afterMs: 1000 },
      ],
      rules,
    );
    expect(never.ending.id).toBe('angry');
  });

  it('a point of a turn the customer left counts when the next turn makes it, unless that turn asks for it too', () => {
    // 补发 moves a customer who listens to one message on at once (atEnd); the apology comes in the next turn.
    const cutOff = [
      { text: '马上给您补发', afterMs: 3000 },
      { text: '非常抱歉，让您久等了，再见', afterMs: 3000 },
    ];
    const brisk = scenario({ ...twoTurns, turns: [{ ...twoTurns.turns[0]!, maxReplies: 1 }, twoTurns.turns[1]!] });
    const report = scoreChat(brisk, cutOff, rules);
    const apology = report.findings.find((f) => f.turn === 'start' && f.message.includes('致歉'));
    expect(apology?.passed).toBe(true);
    expect(apology?.message).toContain('下一轮才说到');
    // Later in the next turn counts too (a step done a little out of order is done).
    const later = scoreChat(
      brisk,
      [
        { text: '马上给您补发', afterMs: 3000 },
        { text: '好的', afterMs: 3000 },
        { text: '非常抱歉，再见', afterMs: 3000 },
      ],
      rules,
    );
    expect(later.findings.find((f) => f.turn === 'start' && f.message.includes('致歉'))?.passed).toBe(true);
    // Not when the next turn asks for the same point: then the message answers that turn.
    const asks = scenario({
      ...twoTurns,
      turns: [
        { ...twoTurns.turns[0]!, maxReplies: 1 },
        { ...twoTurns.turns[1]!, expect: [{ label: '再次致歉', intents: ['apologises'], weight: 1, match: 'any' as const }] },
      ],
    });
    const own = scoreChat(asks, cutOff, rules);
    expect(own.findings.find((f) => f.turn === 'start' && f.message.includes('致歉'))?.passed).toBe(false);
  });

  it('a turn that happens later in the story (later: true) takes the hours before it as time that passed, not a wait', () => {
    const later = scenario({ ...twoTurns, turns: [twoTurns.turns[0]!, { ...twoTurns.turns[1]!, later: true }] });
    const replies = [
      { text: '非常抱歉，马上给您补发', afterMs: 5000 },
      { text: '您好，补发的已经寄出了，谢谢您，再见', afterMs: 3 * 60 * 60 * 1000 },
    ];
    const play = playChat(later, replies, rules);
    expect(play.ending.id).toBe('happy');
    expect(play.messages.at(-1)).toMatchObject({ from: 'agent', waitKind: 'later' });
    const report = scoreChat(later, replies, rules);
    expect(report.breakdown.find((b) => b.part === 'reply-response-time')?.ratio).toBe(1);
    // Without it the customer has long left.
    expect(playChat(twoTurns, replies, rules).ending.id).toBe('customer-left');
  });

  it('a scene after a call (afterGoodbye) waits for the agent to end the call (再见), or for hours to pass', () => {
    const later = scenario({ ...twoTurns, turns: [twoTurns.turns[0]!, { ...twoTurns.turns[1]!, later: true, afterGoodbye: true }] });
    const call = playChat(
      later,
      [
        { text: '非常抱歉，马上给您补发', afterMs: 5000 },
        { text: '补发的单号晚点发您', afterMs: 8000 },
        { text: '谢谢您，再见', afterMs: 6000 },
      ],
      rules,
    );
    // The agent was still on the call: all three messages belong to it, and the scene comes after the goodbye.
    expect(call.visits[0]?.agent).toHaveLength(3);
    expect(call.visits[1]?.turn).toBe('close');
    // Hours later without a goodbye: the scene changed, and that message is its first.
    const gap = playChat(
      later,
      [
        { text: '非常抱歉，马上给您补发', afterMs: 5000 },
        { text: '您好，补发的已经寄出了，谢谢您，再见', afterMs: 3 * 60 * 60 * 1000 },
      ],
      rules,
    );
    expect(gap.ending.id).toBe('happy');
    expect(gap.messages.at(-1)).toMatchObject({ from: 'agent', waitKind: 'later', turn: 'close' });
    // A later turn without afterGoodbye (the repair done after the door) starts as soon as its branch holds.
    const plain = scenario({ ...twoTurns, turns: [twoTurns.turns[0]!, { ...twoTurns.turns[1]!, later: true }] });
    const door = playChat(plain, [{ text: '非常抱歉，马上给您补发', afterMs: 5000 }], rules);
    expect(door.visits.map((v) => v.turn)).toEqual(['start', 'close']);
  });

  it('when the customer stops waiting, what the agent said earlier answers them (not a branch on what the turn avoids)', () => {
    // 补发 said in the first turn already, before the customer's second turn asks for it.
    const asksAgain = scenario({
      ...twoTurns,
      turns: [
        { ...twoTurns.turns[0]!, branches: [{ when: { all: [], any: ['apologises'], none: [] }, next: 'second', atEnd: false }] },
        {
          ...twoTurns.turns[1]!,
          id: 'second',
          customer: ['那东西怎么办？'],
          branches: [{ when: { all: [], any: ['fixes'], none: [] }, next: 'close', atEnd: false }],
          default: 'angry',
        },
        twoTurns.turns[1]!,
      ],
    });
    const play = playChat(
      asksAgain,
      [
        { text: '非常抱歉，马上给您补发', afterMs: 3000 },
        { text: '您放心', afterMs: 3000 },
        { text: '我们会尽快处理', afterMs: 3000 },
      ],
      rules,
    );
    expect(play.visits.map((v) => v.turn)).toEqual(['start', 'second', 'close']);
  });

  it('a content customer listens on while the agent still talks, and leaves at the goodbye (慢走 counts)', () => {
    const play = playChat(
      twoTurns,
      [
        { text: '非常抱歉，马上给您补发', afterMs: 5000 },
        { text: '补发的今天就寄出', afterMs: 8000 },
        { text: '单号稍后发您', afterMs: 8000 },
        { text: '收到有问题随时找我', afterMs: 8000 },
        { text: '谢谢您，您慢走', afterMs: 6000 },
      ],
      rules,
    );
    expect(play.visits[1]?.agent).toHaveLength(4);
    expect(play.ending.id).toBe('happy');
    expect(play.ignoredReplies).toBe(0);
    // A listener nods without saying a line twice, and without 我再问一下：嗯.
    const said = play.messages.filter((m) => m.from === 'customer').map((m) => m.text);
    expect(new Set(said).size).toBe(said.length);
    expect(said.some((t) => t.startsWith('我再问一下：嗯'))).toBe(false);
  });

  it('a content customer hears out up to eight more messages (CONTENT_PATIENCE) before leaving content', () => {
    const talk = (n: number) =>
      playChat(
        twoTurns,
        [
          { text: '非常抱歉，马上给您补发', afterMs: 5000 },
          ...Array.from({ length: n }, (_, i) => ({
            text: `补发的第${i + 1}件事情跟您说明一下，这个您放心，我们会处理得妥妥当当`,
            afterMs: 15000,
          })),
          { text: '谢谢您，再见', afterMs: 6000 },
        ],
        rules,
      );
    expect(talk(9).ignoredReplies).toBe(0);
    expect(talk(9).ending.id).toBe('happy');
    expect(talk(14).ignoredReplies).toBeGreaterThan(0);
  });

  it('a mistake made before the turn that has a rule about it is judged there (a fact stated early counts, and so does a mistake)', () => {
    const ruled = scenario({
      ...twoTurns,
      intents: { ...twoTurns.intents, blames: ['你自己弄坏的'] },
      turns: [twoTurns.turns[0]!, { ...twoTurns.turns[1]!, avoid: [{ label: '指责顾客', intents: ['blames'], weight: 2 }] }],
    });
    const report = scoreChat(
      ruled,
      [
        { text: '非常抱歉，马上给您补发，不过是你自己弄坏的吧', afterMs: 5000 },
        { text: '谢谢您，再见', afterMs: 5000 },
      ],
      rules,
    );
    expect(report.findings.find((f) => f.turn === 'close' && f.message.startsWith('不应该'))?.message).toContain('前面已经说了');
    // … also when the chat never gets to that turn (the price quoted on the tour, the chat over before the price talk).
    const unreached = scoreChat(ruled, [{ text: '这是你自己弄坏的吧', afterMs: 5000 }], rules);
    expect(new Set(unreached.transcript.map((m) => m.turn))).toEqual(new Set(['start']));
    const finding = unreached.findings.find((f) => f.turn === 'close' && f.message.startsWith('不应该'));
    expect(finding?.message).toContain('前面已经说了');
    expect(finding?.evidence).toContain('你自己弄坏的');
  });

  it('a point of a turn the chat never reached counts as made when the agent made it earlier (not a greeting or thanks)', () => {
    const later = scenario({
      ...twoTurns,
      id: 'later-point',
      intents: { ...twoTurns.intents, 'sets-time': ['明天上午'] },
      turns: [
        twoTurns.turns[0]!,
        {
          ...twoTurns.turns[1]!,
          expect: [
            { label: '约好时间', intents: ['sets-time'] },
            { label: '道谢', intents: ['thanks'] },
          ],
        },
      ],
    });
    // The customer is still waiting for the apology when the replies run out.
    const report = scoreChat(later, [{ text: '东西明天上午给您补发，谢谢', afterMs: 5000 }], rules);
    expect(report.ending.id).toBe('customer-left');
    expect(report.findings.filter((f) => f.turn === 'close').map((f) => [f.passed, f.message])).toEqual([
      [true, '做到了：约好时间（前面已经说到）'],
      [false, '没有做到：道谢（对话没有走到这一步）'],
    ]);
  });

  it('a decision relayed from the supervisor (主管说…改不了) is part of the answer: the customer waits for the rest', () => {
    const relayed = expectClosedHappy([
      { text: '非常抱歉', afterMs: 5000 },
      { text: '主管说这个改不了', afterMs: 8000 },
      { text: '不过马上给您补发', afterMs: 8000 },
    ]);
    const at = relayed.messages.findIndex((m) => m.text === '主管说这个改不了');
    expect(relayed.messages[at + 1]).toMatchObject({ from: 'agent', text: '不过马上给您补发' });
  });

  it('questions asking the customer to confirm something (…，对吗？) do not use up their patience while a point is open', () => {
    expectClosedHappy([
      { text: '非常抱歉', afterMs: 5000 },
      { text: '坏的是左边那个角，对吗？', afterMs: 8000 },
      { text: '您收到的是三件，是吧？', afterMs: 8000 },
      { text: '马上给您补发', afterMs: 8000 },
    ]);
  });

  it('a short answer split over several messages uses up no more patience than one (in time, within BURST_CHARS)', () => {
    // 您是昨天收到的吗？ follows two pieces in time: the run is still one short answer.
    const replies = (gap: number) => [
      { text: '请问是哪一件？', afterMs: 5000 },
      { text: '我看一下', afterMs: 4000 },
      { text: '您别着急', afterMs: 4000 },
      { text: '您是昨天收到的吗？', afterMs: gap },
      { text: '非常抱歉，马上给您补发', afterMs: 8000 },
    ];
    expectClosedHappy(replies(6000));
    // Sent after more than a reply may take, it is a second answer: the customer's patience is used up.
    expect(playChat(twoTurns, replies(25000), rules).ending.id).toBe('angry');
  });

  it('questions about what the customer said (是哪个东西坏了？) do not use up their patience once a point is made, up to FREE_QUESTIONS', () => {
    const asking = (questions: string[]) => [
      { text: '非常抱歉', afterMs: 5000 },
      ...questions.map((text) => ({ text, afterMs: 15000 })),
      { text: '马上给您补发', afterMs: 15000 },
    ];
    expectClosedHappy(asking(['是哪个东西坏了？', '坏了几处呢？']));
    // A third one counts: the customer stops waiting.
    expect(playChat(twoTurns, asking(['是哪个东西坏了？', '坏了几处呢？', '东西是哪天坏的？']), rules).ending.id).toBe('angry');
    // Before any point of the turn is made, questions count as answers.
    const first = [
      { text: '是哪个东西坏了？', afterMs: 5000 },
      { text: '坏了几处呢？', afterMs: 15000 },
      { text: '非常抱歉，马上给您补发', afterMs: 15000 },
    ];
    expect(playChat(twoTurns, first, rules).ending.id).toBe('angry');
  });

  it('messages that finish the answer to the turn just left (they crossed the customer’s new line) do not use up patience there', () => {
    const crossing = scenario({
      ...twoTurns,
      id: 'crossing',
      intents: { ...twoTurns.intents, explains: ['漏装'] },
      turns: [
        {
          ...twoTurns.turns[0]!,
          expect: [...twoTurns.turns[0]!.expect, { label: '说明原因', intents: ['explains'] }],
          branches: [{ when: { any: ['fixes'] }, next: 'close' }],
        },
        { ...twoTurns.turns[1]!, maxReplies: 1, default: 'angry' },
      ],
    });
    const replies = (gap: number) => [
      { text: '非常抱歉，马上给您补发', afterMs: 5000 },
      { text: '是仓库漏装了一件，这边已经查到', afterMs: gap },
      { text: '谢谢您，再见', afterMs: 8000 },
    ];
    expect(playChat(crossing, replies(8000), rules).ending.id).toBe('happy');
    // Not in time, it answers the new line: the customer (patience 1) has had their answer.
    expect(playChat(crossing, replies(25000), rules).ending.id).toBe('angry');
  });

  it('a customer told when the answer comes (10分钟内给您回复) waits that long, not the standard hold time', () => {
    const replies = (wait: number) => [
      { text: '非常抱歉，我去问一下仓库，10分钟内给您回复', afterMs: 5000 },
      { text: '让您久等了，马上给您补发，谢谢您，再见', afterMs: wait },
    ];
    expect(playChat(twoTurns, replies(8 * 60 * 1000), rules).ending.id).toBe('happy');
    expect(playChat(twoTurns, replies(25 * 60 * 1000), rules).ending.id).toBe('customer-left');
    // 十几分钟 is up to twenty minutes; 几分钟 up to ten.
    const few = (text: string, wait: number) =>
      playChat(
        twoTurns,
        [
          { text, afterMs: 5000 },
          { text: '让您久等了，马上给您补发，谢谢您，再见', afterMs: wait },
        ],
        rules,
      ).ending.id;
    expect(few('非常抱歉，请您稍等，我去问一下仓库，十几分钟就好', 16 * 60 * 1000)).toBe('happy');
    expect(few('非常抱歉，请您稍等，我去问一下仓库，十几分钟就好', 28 * 60 * 1000)).toBe('customer-left');
    expect(few('非常抱歉，请您稍等，我去问一下仓库，几分钟就好', 8 * 60 * 1000)).toBe('happy');
    // 15分钟内我一定给您准话 names the wait too.
    expect(few('非常抱歉，15分钟内我一定给您准话', 12 * 60 * 1000)).toBe('happy');
    // However it is worded: 10分钟内一定给您回复 and 请您给我10分钟，我一定回复您 name the wait as well.
    for (const text of ['非常抱歉，10分钟内一定给您回复', '非常抱歉，请您给我10分钟，我一定回复您']) {
      const worded = [
        { text, afterMs: 5000 },
        { text: '让您久等了，马上给您补发，谢谢您，再见', afterMs: 8 * 60 * 1000 },
      ];
      expect(playChat(twoTurns, worded, rules).ending.id, text).toBe('happy');
    }
  });

  it('ignores replies left over after an ending', () => {
    const play = playChat(
      twoTurns,
      [
        { text: '抱歉，给您补发', afterMs: 1000 },
        { text: '再见', afterMs: 1000 },
        { text: '还在吗', afterMs: 1000 },
        { text: '？', afterMs: 1000 },
      ],
      rules,
    );
    expect(play.ignoredReplies).toBe(2);
    expect(play.messages.at(-1)?.text).toBe('再见');
  });

  it('running out of replies while the customer still waits for an answer ends the chat as the customer leaving', () => {
    const play = playChat(twoTurns, [{ text: '您好，请问是哪里坏了？', afterMs: 1000 }], rules);
    expect(play.ending).toMatchObject({ id: 'customer-left', kind: 'leaves' });
    expect(play.endedBy).toBe('out-of-replies');
    expect(playChat(twoTurns, [], rules).ending.id).toBe('customer-left');
  });

  it('running out of replies once the customer is content ends the chat as the turn would (no 等不到回复)', () => {
    const play = playChat(twoTurns, [{ text: '抱歉，给您补发', afterMs: 1000 }], rules);
    expect(play.messages.at(-1)).toMatchObject({ from: 'customer', text: '那你快点' });
    expect(play.ending.id).toBe('happy');
    // The customer's last words ask for more (a reaction, not the turn's line): still waiting.
    const asked = playChat(
      twoTurns,
      [
        { text: '抱歉，给您补发', afterMs: 1000 },
        { text: '行', afterMs: 3000 },
      ],
      rules,
    );
    expect(asked.messages.at(-1)?.from).toBe('customer');
    expect(['好吧', '那你快点']).not.toContain(asked.messages.at(-1)?.text);
    expect(asked.ending.id).toBe('customer-left');
  });

  it('a customer who only nodded (嗯，你接着说) in a turn that ends content leaves content when the replies run out', () => {
    const timed = scenario({
      ...twoTurns,
      id: 'nod',
      intents: { ...twoTurns.intents, 'sets-time': ['明天上午'] },
      turns: [
        twoTurns.turns[0]!,
        {
          ...twoTurns.turns[1]!,
          expect: [
            { label: '约时间', intents: ['sets-time'] },
            { label: '道别', intents: ['closes'] },
          ],
        },
      ],
    });
    const play = playChat(
      timed,
      [
        { text: '抱歉，给您补发', afterMs: 1000 },
        { text: '明天上午就给您发出', afterMs: 8000 },
      ],
      rules,
    );
    expect(play.messages.at(-1)).toMatchObject({ from: 'customer', text: '嗯，你接着说。' });
    expect(play.ending.id).toBe('happy');
  });

  it('a message that still finishes the last turn’s answer does not move the customer on in the new turn', () => {
    const crossing = scenario({
      ...twoTurns,
      id: 'crossing-onward',
      intents: { ...twoTurns.intents, explains: ['漏装'] },
      turns: [
        {
          ...twoTurns.turns[0]!,
          expect: [...twoTurns.turns[0]!.expect, { label: '说明原因', intents: ['explains'] }],
          branches: [{ when: { any: ['fixes'] }, next: 'close' }],
        },
        {
          ...twoTurns.turns[1]!,
          expect: [{ label: '致歉', intents: ['apologises'] }],
          branches: [{ when: { any: ['apologises'] }, next: 'after', atEnd: true }],
          default: 'angry',
        },
        { ...twoTurns.turns[1]!, id: 'after', customer: ['好的，那我等着'] },
      ],
    });
    const play = playChat(
      crossing,
      [
        { text: '非常抱歉，马上给您补发', afterMs: 5000 },
        { text: '是仓库那边打包的时候漏装了一件配件，已经跟仓库核实过了', afterMs: 8000 },
        { text: '谢谢您的耐心', afterMs: 8000 },
      ],
      rules,
    );
    // 非常抱歉 was said before the customer's new line: the crossing message does not close the turn
    // on it; the customer reads on.
    const at = play.messages.findIndex((m) => m.text.startsWith('是仓库那边'));
    expect(play.messages.slice(at, at + 2).map((m) => [m.from, m.turn])).toEqual([
      ['agent', 'close'],
      ['agent', 'close'],
    ]);
  });

  it('a customer whose own line is a question still waits: running out of replies there is 等不到回复', () => {
    const asks = scenario({
      ...twoTurns,
      turns: [twoTurns.turns[0]!, { ...twoTurns.turns[1]!, customer: ['好吧', '那什么时候能到？'] }],
    });
    expect(playChat(asks, [{ text: '抱歉，给您补发', afterMs: 1000 }], rules).ending.id).toBe('customer-left');
  });

  it('a goodbye that came with the answer, a turn early, is followed through when the replies run out', () => {
    const early = scenario({
      ...twoTurns,
      turns: [twoTurns.turns[0]!, { ...twoTurns.turns[1]!, default: 'angry', branches: [{ when: { any: ['closes'] }, next: 'happy' }] }],
    });
    const play = playChat(early, [{ text: '非常抱歉，马上给您补发，再见', afterMs: 1000 }], rules);
    expect(play.messages.at(-1)?.from).toBe('customer');
    expect(play.ending.id).toBe('happy');
    expect(playChat(early, [{ text: '非常抱歉，马上给您补发', afterMs: 1000 }], rules).ending.id).toBe('customer-left');
  });

  it('a wait far beyond the limit means the customer already left; the late reply is ignored', () => {
    const play = playChat(twoTurns, [{ text: '抱歉，给您补发', afterMs: 200_000 }], rules);
    expect(play.endedBy).toBe('timeout');
    expect(play.timeout).toMatchObject({ waitMs: 200_000, limitSec: 15, waitKind: 'first' });
    expect(play.messages.filter((m) => m.from === 'agent')).toHaveLength(0);
    expect(play.ignoredReplies).toBe(1);
  });
});

describe('playChat: timing', () => {
  it('measures the first reply, replies to the customer, follow-ups and the message after a hold', () => {
    const sc = fixtureScenario();
    const play = playChat(
      sc,
      [
        { text: '亲，您好！请问您看中的是这款包吗？', afterMs: 6000 },
        { text: '我们是公司统一定价，客服没有改价的权限哦。', afterMs: 8000 },
        { text: '我去帮您问问主管，请您稍等2分钟！', afterMs: 9000 },
        { text: '让您久等啦！价格改不了，不过送您一份小礼品。', afterMs: 150_000 },
      ],
      rules,
    );
    const agent = play.messages.filter((m) => m.from === 'agent');
    expect(agent.map((m) => (m.from === 'agent' ? [m.waitKind, m.limitSec] : []))).toEqual([
      ['first', 15],
      ['reply', 20],
      ['reply', 20],
      ['after-hold', 180],
    ]);
  });

  it('a message that asks the customer to wait does not use up the turn', () => {
    const { session } = startChat(fixtureScenario(), rules);
    session.reply({ text: '请您稍等', afterMs: 3000 });
    session.reply({ text: '稍等哈', afterMs: 3000 });
    expect(session.turn?.id).toBe('ask');
    session.reply({ text: '嗯', afterMs: 3000 });
    session.reply({ text: '哦', afterMs: 3000 });
    expect(session.turn?.id).toBe('again');
  });

  it('sanitises times: NaN/negative → 0, above 24 h → 24 h', () => {
    expect([
      sanitizeMs(Number.NaN),
      sanitizeMs(-5),
      sanitizeMs(-Infinity),
      sanitizeMs(Infinity),
      sanitizeMs(1e15),
      sanitizeMs('8000'),
      sanitizeMs(8000),
    ]).toEqual([0, 0, 0, MAX_WAIT_MS, MAX_WAIT_MS, 0, 8000]);
  });
});

describe('the engine never throws on what a trainee can type', () => {
  const nasty: unknown[] = [
    { text: '', afterMs: 0 },
    { text: '好'.repeat(10_000), afterMs: 8000 },
    { text: '<script>alert("x")</script><b>您好</b>', afterMs: Number.NaN },
    { text: '😀🙏👍 亲～～～ \u0000\u200B', afterMs: -1000 },
    { text: 'a\uD800b\uDFFFc', afterMs: 1e300 },
    { text: '便宜'.repeat(3000) + '9'.repeat(400) + '元', afterMs: 5000 },
    { text: '打'.repeat(500) + '折'.repeat(500), afterMs: 5000 },
    { text: null, afterMs: undefined },
    { afterMs: 1000 },
    42,
    null,
  ];

  it('scores every scenario with hostile input without throwing, deterministically', () => {
    const sc = fixtureScenario();
    const replies = nasty as never[];
    const a = scoreChat(sc, replies, rules);
    const b = scoreChat(sc, replies, rules);
    expect(a).toEqual(b);
    expect(a.score).toBeGreaterThanOrEqual(0);
    expect(a.score).toBeLessThanOrEqual(100);
    expect(Number.isFinite(a.score)).toBe(true);
    for (const t of a.transcript) expect(typeof t.text).toBe('string');
    expect(JSON.stringify(a)).not.toContain('\uD800"');
  });

  it("keeps HTML as plain text in the transcript (escaping is the renderer's job)", () => {
    const r = scoreChat(fixtureScenario(), [{ text: '<img src=x onerror=alert(1)>您好', afterMs: 5000 }], rules);
    expect(r.transcript[1]?.text).toBe('<img src=x onerror=alert(1)>您好');
  });

  it('accepts a replies value that is not an array', () => {
    expect(scoreChat(fixtureScenario(), 'nope' as never, rules).score).toBe(0);
  });

  // Speed is a benchmark figure (npm run bench:chat), never a timed test: this one checks that
  // 20,000 replies are handled at all (no stack overflow, no quadratic blow-up that would time out).
  it('handles many replies', () => {
    const many = Array.from({ length: 20_000 }, (_, i) => ({ text: `第${i}条，请您稍等`, afterMs: 1000 }));
    const r = scoreChat(fixtureScenario(), many, rules);
    expect(r.transcript.length).toBeGreaterThan(1);
  }, 60_000);

  it('the model replies of the fixture scenario reach a satisfied ending with full marks', () => {
    const sc = fixtureScenario();
    const r = scoreChat(sc, modelReplies(sc, rules), rules);
    expect(r.ending.id).toBe('deal');
    expect(r.score).toBe(100);
  });

  it('the same answers curt throughout (no polite word, none of 三要) score at most CURT_CAP', () => {
    const sc = fixtureScenario();
    const curt = modelReplies(sc, rules).map((r) => ({
      ...r,
      text: r.text.replace(/您好|请|谢谢|对不起|抱歉|再见|不好意思|麻烦/g, '').replace(/您/g, '你'),
    }));
    const r = scoreChat(sc, curt, rules);
    expect(r.score).toBeLessThanOrEqual(CURT_CAP);
    expect(r.score).toBeGreaterThan(20);
  });

  it('… and so does a chat with 您 kept but not even a greeting; a greeting (你好) is not curt', () => {
    const clipped = (greeting: string) =>
      scoreChat(
        twoTurns,
        [
          { text: `${greeting}抱歉，这次是我们仓库发错了货，马上给您补发一个新的`, afterMs: 9000 },
          { text: '好的，今天下午5点前我把单号发给您，有事随时找我', afterMs: 9000 },
        ],
        rules,
      );
    const curt = clipped('');
    expect(curt.score).toBeLessThanOrEqual(CURT_CAP);
    expect(curt.findings.map((f) => f.message)).toContain(`全程没有一句礼貌用语，连问候都没有：内容对，态度不合格，得分最高 ${CURT_CAP}`);
    expect(clipped('你好，').score).toBeGreaterThan(CURT_CAP + 20);
  });
});

describe('playChat: a customer who listens', () => {
  it('answers every message that says something, waits silently through 稍等, never repeats a line', () => {
    const play = playChat(
      twoTurns,
      [
        { text: '请您稍等', afterMs: 3000 },
        { text: '您说的情况我都了解了，我们这边会看一下具体怎么回事', afterMs: 3000 },
      ],
      rules,
    );
    const customer = play.messages.filter((m) => m.from === 'customer').map((m) => m.text);
    // The opening, nothing after 稍等, a neutral reaction to the unclear message (not an accusation).
    expect(customer).toHaveLength(2);
    expect(customer[1]).toContain('没得到明确答复');
  });

  it('waits while the agent types an answer in short pieces, and answers a short message that took longer than a reply may', () => {
    // No line after the two pieces: the customer saw the agent still typing.
    expectWaitedThrough([
      { text: '您好！', afterMs: 5000 },
      { text: '您这个情况，', afterMs: 8000 },
      { text: '非常抱歉，我马上给您补发一个新的。', afterMs: 10000 },
    ]);
    // 您说的对 after 30 s, or a bare 好的 right after the customer spoke, is the (empty) answer: they react.
    expectAnswered('您说的对', 30000);
    expectAnswered('好的', 5000);
    // Nor is brushing the customer off a piece of an answer.
    expectAnswered('那算了', 5000);
  });

  it('waits for the rest of a sentence that stops at a comma or colon, whatever it says, when it comes in time', () => {
    // No line until the sentence ends: the customer saw it go on.
    expectWaitedThrough([
      { text: '这件事要请示主管，', afterMs: 5000 },
      { text: '主管说：', afterMs: 8000 },
      { text: '非常抱歉，马上给您补发一个新的。', afterMs: 10000 },
    ]);
    // The same words as a whole sentence get an answer; an unfinished one after 30 s too.
    expectAnswered('这件事要请示主管。', 5000);
    expectAnswered('这件事要请示主管，', 30000);
    // The branch waits for the end of the sentence too: the customer moves on after it, not in the middle.
    const split = playChat(
      twoTurns,
      [
        { text: '非常抱歉，马上给您补发，', afterMs: 5000 },
        { text: '今天就发出。', afterMs: 8000 },
      ],
      rules,
    );
    expect(split.messages.map((m) => m.from)).toEqual(['customer', 'agent', 'agent', 'customer', 'customer']);
    expect(split.visits[0]?.agent).toHaveLength(2);
  });

  it('after asking the customer to wait, the first message back (我回来了) is the start of the result, not all of it', () => {
    // No line between the return and the result: the customer waits for what they waited for.
    expectWaitedThrough([
      { text: '请您稍等，我去问一下', afterMs: 5000 },
      { text: '您好，我回来了', afterMs: 60000 },
      { text: '非常抱歉，马上给您补发一个新的。', afterMs: 8000 },
    ]);
  });

  it('reacts to a refusal, an escalation and an offer differently, and never twice word for word', () => {
    const long = { ...twoTurns, turns: twoTurns.turns.map((t) => (t.id === 'start' ? { ...t, maxReplies: 10 } : t)) };
    const play = playChat(
      long,
      [
        { text: '我不能处理这个', afterMs: 3000 },
        { text: '我问一下主管', afterMs: 3000 },
        { text: '送您一个赠品', afterMs: 3000 },
        // Past the reply time: answers, not pieces of one (see the test on pieces below).
        { text: '嗯嗯', afterMs: 21000 },
        { text: '嗯嗯嗯', afterMs: 21000 },
        { text: '嗯嗯嗯嗯', afterMs: 21000 },
        { text: '嗯嗯嗯嗯嗯', afterMs: 21000 },
      ],
      rules,
    );
    const lines = play.messages.filter((m) => m.from === 'customer').map((m) => m.text);
    expect(lines).toHaveLength(8);
    expect(new Set(lines).size).toBe(lines.length);
    expect(lines[1]).toMatch(/办法|怎么办|能做/);
    expect(lines[2]).toMatch(/问问|等你|告诉我/);
    expect(lines[3]).toMatch(/怎么弄|按你说的|记下/);
  });

  it('grows wary when asked for a 验证码 or for money past the platform, even mid-sentence', () => {
    const long = { ...twoTurns, turns: twoTurns.turns.map((t) => (t.id === 'start' ? { ...t, maxReplies: 10 } : t)) };
    const play = playChat(
      long,
      [
        { text: '您把收到的验证码告诉我，', afterMs: 3000 },
        { text: '直接转268给我也行', afterMs: 3000 },
        { text: '验证码千万别告诉任何人', afterMs: 21000 },
      ],
      rules,
    );
    const lines = play.messages.filter((m) => m.from === 'customer').map((m) => m.text);
    expect(lines[1]).toMatch(/被骗|不放心|平台/);
    expect(lines[2]).toMatch(/被骗|不放心|平台/);
    expect(lines[3]).not.toMatch(/被骗|不放心|平台/);
  });

  it('offers to send a photo only when asked for one, not when a photo is mentioned', () => {
    const long = { ...twoTurns, turns: twoTurns.turns.map((t) => (t.id === 'start' ? { ...t, maxReplies: 10 } : t)) };
    const play = playChat(
      long,
      [
        { text: '看完请您到形象设计室拍几张术前照片，专家面诊时看得更准', afterMs: 3000 },
        { text: '麻烦您拍张照片发给我看看', afterMs: 3000 },
      ],
      rules,
    );
    const lines = play.messages.filter((m) => m.from === 'customer').map((m) => m.text);
    expect(lines[1]).not.toMatch(/发给?你|发你/);
    expect(lines[2]).toMatch(/发给?你|发你|稍等我/);
  });

  it('lets a goodbye end the chat when the turn ends there', () => {
    const play = playChat(
      twoTurns,
      [
        { text: '非常抱歉，马上给您补发', afterMs: 3000 },
        { text: '谢谢您，再见', afterMs: 3000 },
      ],
      rules,
    );
    expect(play.ending.id).toBe('happy');
    expect(play.messages.at(-1)?.from).toBe('agent');
  });
  it('saying who one is at the start (我是售后客服小何) uses up no patience and gets no answer', () => {
    const intro = [
      { text: '您好，我是木语家居售后客服小何，工号2046，很高兴为您服务。', afterMs: 5000 },
      { text: '您这边的情况我都看到了，东西在路上磕坏了是我们没包装好', afterMs: 12000 },
      { text: '这边先跟您核对一下是哪一件东西出的问题', afterMs: 12000 },
      { text: '非常抱歉，马上给您补发', afterMs: 12000 },
    ];
    const play = expectClosedHappy(intro);
    expect(play.messages[2]?.from).toBe('agent');
    // Without the introduction the same first message is an answer that uses up patience.
    expect(
      playChat(twoTurns, [{ ...intro[0]!, text: '您好，很高兴为您服务，这边一直在线等您的消息呢。' }, ...intro.slice(1)], rules).ending.id,
    ).toBe('angry');
  });
  it('a question that only asks them to confirm (…对吧？, 请问是刘先生吗？) gets a yes, not “你看怎么处理”', () => {
    for (const text of ['您说的是昨天买的那台电饭煲，对吧？', '您好！请问是刘先生吗？']) {
      const play = playChat(twoTurns, [{ text, afterMs: 5000 }], rules);
      expect(play.messages[2]?.text, text).toBe('对。');
    }
    expect(playChat(twoTurns, [{ text: '您好，请问是哪里坏了？', afterMs: 5000 }], rules).messages[2]?.text).toBe(
      '就是我刚才说的情况，你看怎么处理？',
    );
  });
  it('a nod (嗯，你接着说) leaves a split answer going on: what follows within the same few words uses up no more patience', () => {
    const replies = [
      { text: '非常抱歉给您添麻烦了', afterMs: 5000 },
      { text: '这边已经查到了，是仓库那边发货的时候少放了一件东西', afterMs: 9000 },
      { text: '这个情况我们这边一直都很重视，一定会认真对待的，请您放心', afterMs: 12000 },
      { text: '马上给您补发', afterMs: 8000 },
    ];
    const play = expectClosedHappy(replies);
    expect(play.messages[2]?.text).toBe('嗯，你接着说。');
  });
  it('once an answer stops bringing something new, the customer gives one more message for each point made; a question they answer', () => {
    const replies = (extra: string[]) => [
      { text: '非常抱歉，这次是我们仓库的失误，给您添了这么大的麻烦，真的对不起您', afterMs: 5000 },
      ...extra.map((text) => ({ text, afterMs: 15000 })),
      { text: '马上给您补发', afterMs: 15000 },
    ];
    const filler = ['这个情况我们这边一直都很重视，一定会认真对待的，请您放心', '我们也一直在努力改进各个环节的服务质量，感谢您的监督'];
    expect(playChat(twoTurns, replies(filler.slice(0, 1)), rules).ending.id).toBe('happy');
    expect(playChat(twoTurns, replies(filler), rules).ending.id).toBe('angry');
    expect(playChat(twoTurns, replies(['想问一下您这边具体是哪一件东西出了问题，是什么时候发现的呢']), rules).ending.id).toBe('angry');
  });
  it('reads on while an answer split over several messages still brings new points, and moves on when the rest comes late', () => {
    const threePoints = scenario({
      ...twoTurns,
      id: 'three-points',
      intents: { 'part-a': ['第一步'], 'part-b': ['第二步'], 'part-c': ['第三步'] },
      turns: [
        {
          id: 'start',
          expect: [
            { label: '甲', intents: ['part-a'] },
            { label: '乙', intents: ['part-b'] },
            { label: '丙', intents: ['part-c'] },
          ],
          branches: [{ when: { all: ['part-a', 'part-b', 'part-c'] }, next: 'happy' }],
          default: 'angry',
          modelReplies: ['第一步、第二步、第三步'],
        },
      ],
    });
    const parts = (lastMs: number) => [
      { text: '您好，第一步是这样的：先在订单页面点申请售后，选好原因', afterMs: 3000 },
      { text: '第二步是这样的：把照片上传上去，提交以后等审核通过', afterMs: 5000 },
      { text: '第三步是这样的', afterMs: lastMs },
    ];
    const onTime = playChat(threePoints, parts(8000), rules);
    expect(onTime.ending.id).toBe('happy');
    const heard = onTime.messages.filter((m) => m.from === 'customer').map((m) => m.text);
    expect(heard.slice(1)).toEqual(['嗯，你接着说。', '嗯，然后呢？']);
    // The rest 25 s later (over replySec): the customer stopped waiting after the second message.
    const late = playChat(threePoints, parts(25000), rules);
    expect(late.ending.id).toBe('angry');
    expect(late.ignoredReplies).toBe(1);
    // An explanation at some length after a point was made is the answer going on too.
    const explained = playChat(
      threePoints,
      [
        parts(0)[0]!,
        { text: '您先别急，这个情况一般是系统那边要先核对一遍信息，所以会稍微慢一点点', afterMs: 9000 },
        { text: '第二步、第三步是这样的', afterMs: 8000 },
      ],
      rules,
    );
    expect(explained.ending.id).toBe('happy');
    // Messages that bring nothing new keep the customer reading past maxReplies only one more
    // message for each point made so far.
    const stall = (n: number) =>
      playChat(
        threePoints,
        [
          parts(0)[0]!,
          ...['您好，这个问题我们这边一定会认真对待的，请您放心', '我们一直都非常重视每一位顾客的感受和意见，请您相信我们']
            .slice(0, n)
            .map((text) => ({ text, afterMs: 5000 })),
          parts(8000)[2]!,
        ],
        rules,
      ).ending.id;
    expect(stall(1)).toBe('customer-left');
    expect(stall(2)).toBe('angry');
    // Nor does a turn written for one message (maxReplies 1: the customer talks over the agent).
    const one = { ...threePoints, turns: threePoints.turns.map((t) => ({ ...t, maxReplies: 1 })) };
    expect(playChat(one, parts(8000), rules).ending.id).toBe('angry');
  });
});
