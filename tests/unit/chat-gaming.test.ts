/** Anti-gaming (gaming.ts): each kind is found, named in a finding, and caps the score. */
import { describe, expect, it } from 'vitest';
import { checkGaming, GAMING_CAP } from '../../src/lib/chat/gaming.ts';
import { playChat } from '../../src/lib/chat/player.ts';
import { scoreChat } from '../../src/lib/chat/score.ts';
import { fixtureRules, fixtureScenario } from './chat-helpers.ts';

const rules = fixtureRules();
const sc = fixtureScenario();
const kinds = (texts: string[], afterMs = 8000) =>
  checkGaming(
    playChat(
      sc,
      texts.map((text) => ({ text, afterMs })),
      rules,
    ),
  ).kinds;

describe('checkGaming', () => {
  it('finds a chat of courtesy only (问候、道歉、感谢、安抚、道别) and caps it', () => {
    const filler = ['您好，非常抱歉给您带来不便，谢谢您的耐心！', '对不起，请您放心，谢谢您！', '真的非常抱歉，感谢您，再见！'];
    expect(kinds(filler)).toContain('courtesy');
    const report = scoreChat(
      sc,
      filler.map((text) => ({ text, afterMs: 8000 })),
      rules,
    );
    expect(report.score).toBeLessThanOrEqual(GAMING_CAP);
    expect(report.findings.some((f) => f.message.includes('客套话'))).toBe(true);
  });
  it('finds a chat that only keeps the customer on the line (在的亲～, 马上马上, 好的亲～), not one with short acknowledgements between answers', () => {
    expect(kinds(['在的亲～', '好的亲马上～', '正在帮您查哦', '在的在的～', '马上马上', '好的亲～'])).toContain('hold');
    expect(
      kinds([
        '您好，请问有什么可以帮您？',
        '好的',
        '订单还在仓库，我马上联系仓库拦截，请您稍等',
        '在的',
        '已经拦截成功了，退款原路退回，谢谢您，再见！',
      ]),
    ).not.toContain('hold');
  });
  it('finds courtesy and nouns run together without a stop (您好欢迎请坐喝茶名片…撞单谢谢), not a sentence typed without stops', () => {
    expect(
      kinds(['您好欢迎请坐喝茶名片招商专员来访登记以前谁接待撞单谢谢', '小王跟进撞单避免您好请谢谢招商部同事外出下午决策人']),
    ).toContain('keywords');
    expect(kinds(['您好请问有什么可以帮您的吗我这边马上帮您查一下订单'])).not.toContain('keywords');
  });
  it('does not call a chat with an answer courtesy, nor two polite messages', () => {
    expect(kinds(['您好，非常抱歉', '我马上帮您查一下订单号，请您稍等', '谢谢您，再见'])).not.toContain('courtesy');
    expect(kinds(['您好，非常抱歉', '谢谢您，再见'])).not.toContain('courtesy');
  });
  it('finds facts listed with slashes instead of sentences (美家电器 / 小周 / 工号2046)', () => {
    expect(kinds(['美家电器 / 小周 / 工号2046 / 方便吗', '6月12日 / 3米标准 / 每米50元 / 应收100元'])).toContain('keywords');
    expect(kinds(['您好，我是美家电器的小周，工号2046，现在方便说话吗？'])).not.toContain('keywords');
  });
  it('finds short chunks strung with commas and words spaced after a polite opening, not acknowledgements or spaced numbers', () => {
    expect(kinds(['了解原因，记录反馈，', '满意度，建议，改进，谢谢，再见！'])).toContain('keywords');
    expect(kinds(['您好！请坐，谢谢！招商中心 一楼铺位 奶茶店 来访登记 名片', '好的 小王 跟进 下午'])).toContain('keywords');
    expect(kinds(['嗯，好的。', '仓库说已经发了，中通 7531 2208 6619。'])).not.toContain('keywords');
    expect(kinds(['营业执照/注册商标/税务登记证/质检报告', '防伪码：核实/半小时内回复'])).toContain('keywords');
    expect(
      kinds(['亲，您好，非常抱歉，感谢您的支持！价格公司统一定价，不议价，主管申请，精美礼品，稍等2分钟，请您谅解，谢谢！']),
    ).toContain('keywords');
    expect(kinds(['您好，非常抱歉给您带来不便，我马上帮您查一下，请您稍等。'])).not.toContain('keywords');
  });
  it('finds prepared paragraphs sent one after the other faster than anyone types (two of 40+ characters at over 30 a second)', () => {
    const paragraph = (n: number) => `这款是头层牛皮的单肩包，价格是公司统一定的，线上线下一个价，对每位顾客都公平，第${n}条说明。`;
    expect(kinds([paragraph(1), paragraph(2)], 1000)).toContain('paste');
    expect(kinds([paragraph(1), paragraph(2)], 20000)).not.toContain('paste');
    expect(kinds([paragraph(1)], 1000)).not.toContain('paste');
  });
  it('does not take a message no intent reads for courtesy (an answer in other words)', () => {
    expect(kinds(['我们是品牌旗舰店，怎么会卖假货呢', '这个我们这边真的说不准', '您先看看别的款式吧'])).not.toContain('courtesy');
  });
  it('finds the same message sent again and a wall of text', () => {
    expect(kinds(['您好，这个问题我来帮您处理一下', '您好，这个问题我来帮您处理一下'])).toContain('repeat');
    expect(kinds(['您好，' + '这件事我们一定会认真处理的，'.repeat(20)])).toContain('wall');
  });
});
