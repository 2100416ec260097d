/** One block per standard the chat scorer checks, each with good and bad replies. */
import { describe, expect, it } from 'vitest';
import { STANDARD_AVOID_FACTOR } from '../../src/lib/chat/checks.ts';
import { buildChatRules } from '../../src/lib/chat/rules.ts';
import { ENDING_CREDIT, OVERREACH_CAP, RUDE_CAP, SCORE_WEIGHTS, scoreChat } from '../../src/lib/chat/score.ts';
import type { AgentReply } from '../../src/lib/chat/player.ts';
import { fixtureRules, fixtureScenario, fixtureStandards, modelReplies, scenario } from './chat-helpers.ts';

const rules = fixtureRules();

/** One long turn (the customer reads up to 10 messages), so every check can be fed freely. */
const open = scenario({
  id: 'open-talk',
  title: '测试',
  version: 1,
  track: 'ecommerce',
  workflow: 'presales-reception',
  standards: ['discount-authority'],
  brief: '测试。',
  persona: { name: '顾客', description: '测试顾客。', mood: '平静' },
  product: { name: '包', price: 299 },
  opening: '能便宜点吗？',
  intents: { 'explains-price': { label: '说明价格统一', phrases: ['统一定价', '统一价'], negatable: false } },
  turns: [
    {
      id: 'talk',
      step: 'again',
      script: 'bargain-repeat-ask-supervisor',
      expect: [
        { label: '说明价格统一', intents: ['explains-price'], weight: 2, standard: 'discount-authority' },
        { label: '请示主管', intents: ['escalates-supervisor'], weight: 1 },
      ],
      avoid: [{ label: '直接降价', intents: ['promises-discount'], weight: 1, standard: 'discount-authority' }],
      maxReplies: 10,
      default: 'done',
      modelReplies: ['亲，您好！我们是统一定价的哦。'],
    },
  ],
  endings: [{ id: 'done', kind: 'satisfied', text: '结束。' }],
});

/** The same turn, but a goodbye ends the chat satisfied. */
const closing = {
  ...open,
  turns: open.turns.map((t) => ({ ...t, branches: [{ when: { all: [], any: ['closes'], none: [] }, next: 'done', atEnd: false }] })),
};

/** The same turn, but the customer stays after a goodbye (the default leads to another turn). */
const keepsTalking = {
  ...open,
  turns: [
    { ...open.turns[0]!, default: 'more' },
    { ...open.turns[0]!, id: 'more', customer: ['还有个问题'], default: 'done' },
  ],
};

const r = (...texts: [string, number][]): AgentReply[] => texts.map(([text, afterMs]) => ({ text, afterMs }));
const run = (replies: AgentReply[], sc = open) => scoreChat(sc, replies, rules);
const of = (report: ReturnType<typeof run>, standard: string) => report.findings.filter((f) => f.standard === standard);
const part = (report: ReturnType<typeof run>, name: string) => report.breakdown.find((b) => b.part === name);

describe('first-response-time (≤ 15 s)', () => {
  it('passes within the limit, boundary included', () => {
    for (const ms of [3000, 15000]) {
      const f = of(run(r(['您好，请问有什么可以帮您？', ms])), 'first-response-time');
      expect(f).toEqual([
        expect.objectContaining({
          passed: true,
          turn: 'talk',
          evidence: `${ms / 1000} 秒`,
          standardUrl: '/standards/#first-response-time',
        }),
      ]);
    }
  });
  it('fails when late, with the seconds as evidence, and loses credit linearly to 0 at twice the limit', () => {
    const late = run(r(['您好，请问有什么可以帮您？', 22500]));
    expect(of(late, 'first-response-time')[0]).toMatchObject({
      passed: false,
      evidence: '22.5 秒',
      message: expect.stringContaining('超过了 15 秒'),
    });
    expect(part(late, 'first-response-time')?.ratio).toBe(0.5);
    expect(part(run(r(['您好', 30000])), 'first-response-time')?.ratio).toBe(0);
  });
  it('fails when the agent never replies', () => {
    expect(of(run([]), 'first-response-time')[0]).toMatchObject({ passed: false, evidence: '无回复' });
  });
});

describe('reply-response-time (≤ 20 s; 180 s after 稍等)', () => {
  it('passes when every later reply is in time', () => {
    const rep = run(r(['您好', 5000], ['我们是统一定价的', 20000]));
    expect(of(rep, 'reply-response-time')).toEqual([expect.objectContaining({ passed: true, evidence: '最长 20 秒' })]);
  });
  it('fails a slow answer to the customer reaction (the customer answers a message that asks or says something)', () => {
    const f = of(run(r(['您好，请问有什么可以帮您？', 5000], ['我们是统一定价的，质量很好', 31000])), 'reply-response-time');
    expect(f).toEqual([expect.objectContaining({ passed: false, evidence: '31 秒', message: expect.stringContaining('顾客等了 31 秒') })]);
  });
  it('a bit slow earns part of the reply, twice the limit nothing', () => {
    expect(part(run(r(['您好', 5000], ['我们是统一定价的，质量很好', 25000])), 'reply-response-time')?.ratio).toBe(0.75);
    expect(part(run(r(['您好', 5000], ['我们是统一定价的，质量很好', 40000])), 'reply-response-time')?.ratio).toBe(0);
  });
  it('allows an announced wait up to 180 s, not beyond', () => {
    expect(of(run(r(['您好，我去问问主管，请您稍等', 5000], ['让您久等了', 150000])), 'reply-response-time')[0]?.passed).toBe(true);
    const late = of(run(r(['您好，我去问问主管，请您稍等', 5000], ['让您久等了', 190000])), 'reply-response-time');
    expect(late[0]).toMatchObject({ passed: false, message: expect.stringContaining('请顾客稍等后过了 190 秒') });
  });
  it('counts the wait that made the customer leave', () => {
    const rep = run(r(['您好', 5000], ['在吗', 200000]));
    expect(rep.ending.id).toBe('customer-left');
    expect(of(rep, 'reply-response-time')[0]).toMatchObject({ passed: false, message: expect.stringContaining('离开了') });
  });
});

describe('typing-speed (≥ 50 字/分钟)', () => {
  it('passes a fast typist (characters per minute from length and wait)', () => {
    const f = of(run(r(['您好，我们是统一定价的，这款包质量很好，请您放心购买。', 10000])), 'typing-speed')[0];
    expect(f).toMatchObject({ passed: true, evidence: expect.stringMatching(/约 1\d\d 字\/分钟/) });
  });
  it('fails a slow typist', () => {
    const rep = run(r(['您好，我们是统一定价的哦', 15000]));
    expect(of(rep, 'typing-speed')[0]).toMatchObject({ passed: false, evidence: '约 48 字/分钟（1 条回复）' });
    expect(part(rep, 'typing-speed')?.ratio).toBeCloseTo(0.96, 2);
  });
  it('ignores very short replies and replies after an announced wait', () => {
    expect(of(run(r(['在', 30000], ['好的', 30000])), 'typing-speed')[0]).toMatchObject({ passed: false, evidence: '无法测速' });
    const rep = run(r(['您好，我去请示主管，请您稍等两分钟哦', 8000], ['让您久等了，主管说价格是统一定价的', 150000]));
    expect(of(rep, 'typing-speed')[0]?.evidence).toContain('1 条回复');
  });
});

describe('polite-phrases (phrases from the standard)', () => {
  it('passes with three different polite words', () => {
    expect(of(run(r(['您好，请您放心，谢谢您！', 5000])), 'polite-phrases')[0]).toMatchObject({ passed: true, evidence: '您好、请、谢谢' });
  });
  it('fails with fewer, naming what was used', () => {
    const rep = run(r(['您好，价格统一', 5000]));
    expect(of(rep, 'polite-phrases')[0]).toMatchObject({ passed: false, evidence: '您好' });
    expect(part(rep, 'polite-phrases')?.ratio).toBeCloseTo(1 / 3, 3);
  });
  it("uses the standard's list, not a built-in copy", () => {
    const custom = buildChatRules(fixtureStandards().map((s) => (s.id === 'polite-phrases' ? { ...s, phrases: ['劳驾'] } : s)));
    const rep = scoreChat(open, r(['劳驾您等一下', 5000]), custom);
    expect(rep.findings.find((f) => f.standard === 'polite-phrases')).toMatchObject({ passed: true, evidence: '劳驾' });
  });
});

describe('three-musts (请 first, 您 throughout, 再见 last)', () => {
  it('passes all three', () => {
    const f = of(run(r(['您好，请问有什么可以帮您？', 5000], ['好的，祝您愉快，再见！', 5000])), 'three-musts');
    expect(f.map((x) => x.passed)).toEqual([true, true, true]);
  });
  it('gives half credit for 请 only after the first reply, and ignores 申请', () => {
    const rep = run(r(['您好，我去帮您申请', 5000], ['请您稍等，再见', 5000]));
    expect(of(rep, 'three-musts')[0]).toMatchObject({ passed: false, message: expect.stringContaining('开口第一句') });
    expect(part(rep, 'three-musts')?.ratio).toBeCloseTo(2.5 / 3, 3);
  });
  it('fails 你 instead of 您, with the words as evidence', () => {
    const f = of(run(r(['你好，请问你要什么', 5000])), 'three-musts');
    expect(f[1]).toMatchObject({ passed: false, message: '称呼顾客用了“你”，应始终用“您”', evidence: '你好，请问你要什么', at: 1 });
  });
  it('wants 再见 in the very last message', () => {
    const f = of(run(r(['您好，请稍等', 5000], ['再见，有问题随时找我', 5000], ['祝您愉快', 5000]), keepsTalking), 'three-musts');
    expect(f[2]).toMatchObject({ passed: false, message: expect.stringContaining('最后一句应以“再见”收尾') });
  });
});

describe('negative-phrases (我不能、我不会、我不愿意、我不可以、但是)', () => {
  it('passes clean replies', () => {
    expect(of(run(r(['您好，我可以帮您申请一下', 5000])), 'negative-phrases')).toEqual([expect.objectContaining({ passed: true })]);
  });
  it('fails each banned phrase once per message, with the turn and the words', () => {
    const rep = run(r(['我不能改价，但是质量很好，但是真的', 5000], ['我不会骗您', 5000]));
    const f = of(rep, 'negative-phrases');
    expect(f.map((x) => [x.passed, x.message, x.turn])).toEqual([
      [false, '用了禁用语“我不能”', 'talk'],
      [false, '用了禁用语“但是”', 'talk'],
      [false, '用了禁用语“我不会”', 'talk'],
    ]);
    expect(f[0]?.evidence).toContain('我不能改价');
    expect(part(rep, 'negative-phrases')?.ratio).toBe(0);
    expect(rep.transcript[1]?.problems).toEqual(expect.arrayContaining(['用了禁用语“我不能”', '用了禁用语“但是”']));
  });
});

describe('three-nots (phrases from the standard)', () => {
  it('passes polite replies and fails blunt, blame-shifting or blaming ones', () => {
    expect(of(run(r(['您好，这件事我来跟进', 5000])), 'three-nots')[0]?.passed).toBe(true);
    // Taking the errand off the customer (不用您自己去查) is the opposite of handing it to them.
    expect(of(run(r(['物流我们负责到底，不用您自己去查', 5000])), 'three-nots').filter((x) => !x.passed)).toEqual([]);
    const f = of(run(r(['你自己看详情页，不归我管', 5000])), 'three-nots');
    expect(f.map((x) => x.passed)).toEqual([false, false]);
    expect(f.map((x) => x.message).join()).toContain('你自己看');
  });
  it('asking for a 验证码 or for money past the platform is beyond anyone’s authority, warning against it is not', () => {
    const capped = (report: ReturnType<typeof run>) => of(report, 'discount-authority').filter((x) => !x.passed && !x.workflowUrl);
    const secret = run(r(['请您把银行卡号和收到的验证码告诉我，', 5000], ['我帮您操作一下', 5000]));
    expect(capped(secret)).toHaveLength(1);
    expect(capped(secret)[0]?.message).toContain('验证码');
    expect(capped(secret)[0]?.model).toContain('不要告诉任何人');
    expect(secret.score).toBeLessThanOrEqual(OVERREACH_CAP);
    const past = run(r(['您加我个人微信，', 5000], ['直接转268给我就行', 5000]));
    expect(capped(past).map((x) => x.message)).toEqual([expect.stringContaining('绕开平台')]);
    // Cash in hand instead of the platform's quote.
    const cash = run(r(['平台那个报价单您不用管，到时候直接给我80元现金就行', 5000]));
    expect(capped(cash).map((x) => x.message)).toEqual([expect.stringContaining('绕开平台')]);
    for (const text of ['千万不要把验证码告诉任何人', '要是有人让您私下转账，千万别信', '钱只在平台里付，不用转给谁', '有问题随时打给我'])
      expect(capped(run(r([text, 5000]))), text).toEqual([]);
  });

  it('我能做主给您让20块 is a discount within the agent’s authority, not a promise beyond it', () => {
    const own = run(r(['我能做主给您让20块，169元', 5000]));
    expect(of(own, 'discount-authority').filter((x) => !x.passed && !x.workflowUrl)).toEqual([]);
    expect(of(own, 'discount-authority').map((x) => x.message)).toContain('优惠 20 元，在客服 20 元的权限内');
    const over = run(r(['我能做主给您让50块', 5000]));
    expect(of(over, 'discount-authority').some((x) => !x.passed && x.message.includes('50'))).toBe(true);
  });

  it('an avoided point marked overreach (运费我们出) caps the score as a promise beyond authority does', () => {
    const freight = scenario({
      ...open,
      id: 'freight',
      intents: { ...open.intents, 'waives-freight': ['运费我们出'] },
      turns: open.turns.map((t, i) =>
        i === 0 ? { ...t, avoid: [{ label: '答应运费由店里出', intents: ['waives-freight'], weight: 0.1, overreach: true }] } : t,
      ),
    });
    const plain = scenario({
      ...freight,
      turns: freight.turns.map((t, i) => (i === 0 ? { ...t, avoid: [{ ...t.avoid[0]!, overreach: false }] } : t)),
    });
    const replies = modelReplies(open, rules).map((x, i) => (i === 0 ? { ...x, text: `${x.text}运费我们出。` } : x));
    expect(scoreChat(freight, replies, rules).score).toBeLessThanOrEqual(OVERREACH_CAP);
    expect(scoreChat(plain, replies, rules).score).toBeGreaterThan(OVERREACH_CAP);
  });

  it('reads a sentence typed over two messages whole: 谁让您… as blame, not as a warning about someone else', () => {
    const failed = (report: ReturnType<typeof run>) => of(report, 'three-nots').filter((x) => !x.passed);
    expect(failed(run(r(['谁让您转账到私人账户，', 5000], ['或者要验证码，都别给哦', 5000])))).toEqual([]);
    expect(failed(run(r(['谁让您转账到私人账户，都别给', 5000])))).toEqual([]);
    expect(failed(run(r(['谁让你自己拍错了', 5000])))[0]?.message).toContain('谁让你');
    expect(failed(run(r(['谁让你拍错了，', 5000], ['现在只能自己承担运费', 5000])))[0]?.message).toContain('谁让你');
  });
  it('three or more 三不 findings cap the score at RUDE_CAP, with a finding that says why', () => {
    const rude = run(
      r(
        ['发了，自己去德邦查', 5000],
        ['物流的事您问物流啊，我们这边也没办法', 5000],
        ['详情页写了的，没看吗', 5000],
        ['我们是统一定价', 5000],
      ),
    );
    expect(rude.score).toBeLessThanOrEqual(RUDE_CAP);
    expect(rude.findings.some((f) => !f.passed && f.message.includes(`得分最高 ${RUDE_CAP}`))).toBe(true);
  });

  it('fails sending the customer to a third party and mocking them, not acting for them', () => {
    const pushed = of(run(r(['额度不够你找银行啊，我们这边又管不了你的卡', 5000])), 'three-nots');
    expect(pushed.some((x) => !x.passed)).toBe(true);
    expect(of(run(r(['额度不够的话，你找银行问一下吧', 5000])), 'three-nots').some((x) => !x.passed && x.message.includes('找银行'))).toBe(
      true,
    );
    expect(
      of(run(r(['代付都不懂？等你儿子下班让他弄吧', 5000])), 'three-nots').some((x) => !x.passed && x.message.includes('代付都不懂')),
    ).toBe(true);
    expect(of(run(r(['您好，我帮您联系一下快递那边，请您稍等', 5000])), 'three-nots')[0]?.passed).toBe(true);
  });
});

describe('three-nots: a curt chat (不使用生硬语言)', () => {
  it('fails a chat whose replies are blunt throughout, not one blunt reply among polite ones', () => {
    const curt = run(r(['订单号。', 5000], ['统一定价。', 5000], ['行。', 5000]));
    expect(of(curt, 'three-nots').find((f) => !f.passed)).toMatchObject({
      message: expect.stringContaining('语气生硬'),
      evidence: '订单号。',
    });
    expect(part(curt, 'three-nots')?.ratio).toBe(0);
    const polite = run(r(['您好，请您把订单号发我一下', 5000], ['统一定价。', 5000], ['好的，谢谢您', 5000]));
    expect(of(polite, 'three-nots').every((f) => f.passed)).toBe(true);
  });
});

describe('discount-authority (≤ 20 元; more → ask the supervisor)', () => {
  it.each([
    ['给您便宜30元吧', 30],
    ['那就少收您五十块', 50],
    ['给您打8折', 59.8],
  ])('fails a promise over 20 元: %s', (text, yuan) => {
    const rep = run(r([text, 5000]));
    expect(of(rep, 'discount-authority')[0]).toMatchObject({ passed: false, message: expect.stringContaining(`约 ${yuan} 元`) });
    expect(part(rep, 'discount-authority')?.ratio).toBe(0);
  });
  it('passes 20 元 or less, and asking the supervisor', () => {
    expect(of(run(r(['最多给您减二十', 5000])), 'discount-authority')[0]).toMatchObject({
      passed: true,
      message: expect.stringContaining('20 元'),
    });
    expect(of(run(r(['我去帮您请示主管', 5000])), 'discount-authority')[0]).toMatchObject({
      passed: true,
      message: '超出权限的事请示主管',
    });
    expect(of(run(r(['不能给您便宜30元', 5000])), 'discount-authority')[0]).toMatchObject({ passed: true, message: '没有越权承诺优惠' });
  });
  it('one rule for authority and key points: 20 元 is not “直接降价”, 30 元 is both over the limit and avoided', () => {
    const within = run(r(['您好，我们是统一定价的，最多给您减二十', 5000]));
    expect(within.findings.some((f) => f.message === '不应该：直接降价')).toBe(false);
    expect(part(within, 'handling')?.ratio).toBeCloseTo(2 / 3, 3);
    const over = run(r(['您好，我们是统一定价的，给您便宜30元吧', 5000]));
    expect(over.findings.some((f) => f.message === '不应该：直接降价')).toBe(true);
    // 2 of 3 made, minus the avoided point (weight 1, a standard's rule: × STANDARD_AVOID_FACTOR)
    expect(part(over, 'handling')?.ratio).toBeCloseTo((2 - STANDARD_AVOID_FACTOR) / 3, 3);
  });
  it('a decision relayed over several messages is the decision-maker’s, not a promise of the agent’s own', () => {
    const relayed = run(
      r(
        ['负责人的处理意见出来了：', 5000],
        ['明天上午质检主管带师傅上门，', 8000],
        ['核实后按规定出方案；', 8000],
        ['再给您退 500 元补偿。', 8000],
      ),
    );
    const promised = (rep: ReturnType<typeof run>) =>
      of(rep, 'discount-authority').some((f) => !f.passed && f.message.includes('当场承诺'));
    expect(promised(relayed)).toBe(false);
    // Said on its own, the same refund is the agent's promise.
    expect(promised(run(r(['再给您退 500 元补偿。', 5000])))).toBe(true);
  });
  it('fails a good review bought with money or a gift (好评返现), however small', () => {
    const bought = run(r(['给您发个10元红包当补偿', 5000], ['麻烦您帮忙把中评改成好评，可以吗？', 8000]));
    expect(of(bought, 'discount-authority').some((f) => !f.passed && f.message.includes('好评返现'))).toBe(true);
    // … a refund or a gift pack offered over several messages, then the review asked for.
    const split = run(
      r(['为了表示歉意，我给您退20元，', 5000], ['再给您寄一份零食大礼包，', 8000], ['您看能不能把评价改成好评呢？', 8000]),
    );
    expect(of(split, 'discount-authority').some((f) => !f.passed && f.message.includes('好评返现'))).toBe(true);
    const fair = run(r(['我们不会要求您改好评', 5000], ['送您一个小礼物表达歉意', 8000]));
    expect(of(fair, 'discount-authority').some((f) => f.message.includes('好评返现'))).toBe(false);
  });
  it("fails a 折 when the product has no price (percentages are the supervisor's call)", () => {
    const noPrice = { ...open, product: undefined };
    expect(of(run(r(['给您打9折', 5000]), noPrice), 'discount-authority')[0]).toMatchObject({
      passed: false,
      message: expect.stringContaining('打 9 折'),
    });
  });
});

describe('SOP key points (handling)', () => {
  it('scores expected points by weight and links the standard, the script and the step', () => {
    const rep = run(r(['您好，我们是统一定价的', 5000]));
    const f = rep.findings.filter((x) => x.message.includes('说明价格统一') || x.message.includes('请示主管'));
    expect(f[0]).toMatchObject({
      passed: true,
      standard: 'discount-authority',
      standardUrl: '/standards/#discount-authority',
      scriptUrl: '/scripts/#bargain-repeat-ask-supervisor',
      workflowUrl: '/workflows/presales-reception/#step-again',
      evidence: expect.stringContaining('统一定价'),
    });
    expect(f[1]).toMatchObject({ passed: false, standard: null, standardUrl: null, message: '没有做到：请示主管' });
    expect(part(rep, 'handling')?.ratio).toBeCloseTo(2 / 3, 3);
  });
  it('subtracts what the agent must not say', () => {
    const rep = run(r(['您好，我们是统一定价的，给您便宜30元', 5000]));
    expect(rep.findings.find((x) => x.message === '不应该：直接降价')).toMatchObject({
      passed: false,
      evidence: expect.stringContaining('30元'),
    });
    expect(part(rep, 'handling')?.ratio).toBeCloseTo((2 - STANDARD_AVOID_FACTOR) / 3, 3);
  });
});

describe('score', () => {
  it('weights add up to 100 and endings give their credit', () => {
    expect(Object.values(SCORE_WEIGHTS).reduce((a, b) => a + b, 0)).toBe(100);
    expect(ENDING_CREDIT).toEqual({ satisfied: 1, escalates: 0.3, leaves: 0 });
  });
  it('is 0 (F) when the agent sends nothing', () => {
    const rep = run([]);
    expect([rep.score, rep.grade, rep.ending.id]).toEqual([0, 'F', 'customer-left']);
  });
  it('a perfect chat scores 100 (A); the grade comes from gradeFor', () => {
    const rep = run(r(['您好，请问是看中这款包吗？我们是统一定价的，我去帮您请示主管，谢谢您，再见！', 6000]), closing);
    expect(rep.ending.id).toBe('done');
    expect(rep.score).toBe(100);
    expect(rep.grade).toBe('A');
  });
  it('leaves out a part whose standard has no phrase list, and says so in the notes', () => {
    const partial = buildChatRules(fixtureStandards().filter((s) => s.id !== 'three-nots'));
    const rep = scoreChat(closing, r(['您好，请问是看中这款包吗？我们是统一定价的，我去帮您请示主管，谢谢您，再见！', 6000]), partial);
    expect(rep.breakdown.find((b) => b.part === 'three-nots')).toMatchObject({ applicable: false });
    expect(rep.score).toBe(100);
    expect(rep.notes).toEqual(['缺少标准 “three-nots”，相关检查已跳过']);
  });
  it('the fixture chat with a poor agent fails', () => {
    const rep = scoreChat(fixtureScenario(), r(['在', 30000], ['你要的话给你便宜30块', 40000]), rules);
    expect(rep.grade).toBe('F');
    expect(rep.ending.id).toBe('overpromised');
  });
});

describe('buildChatRules', () => {
  it('reads phrase lists and thresholds from the standards', () => {
    expect(rules).toMatchObject({ firstReplySec: 15, replySec: 20, typingMinCpm: 50, discountMaxYuan: 20, warnings: [] });
    expect(rules.bannedPhrases).toEqual(['我不能', '我不会', '我不愿意', '我不可以', '但是']);
  });
  it('falls back to the documented numbers and warns when standards are missing', () => {
    const empty = buildChatRules([]);
    expect(empty).toMatchObject({ firstReplySec: 15, replySec: 20, typingMinCpm: 50, discountMaxYuan: 20, politeWords: [] });
    expect(empty.warnings).toHaveLength(7);
  });
  it('scenario time limits override the standards', () => {
    const strict = { ...open, timeLimits: { firstReplySec: 5 } };
    expect(of(scoreChat(strict, r(['您好', 8000]), rules), 'first-response-time')[0]?.passed).toBe(false);
  });
});
