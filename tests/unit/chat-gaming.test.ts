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
  it('does not call a chat with an answer courtesy, nor two polite messages', () => {
    expect(kinds(['您好，非常抱歉', '我马上帮您查一下订单号，请您稍等', '谢谢您，再见'])).not.toContain('courtesy');
    expect(kinds(['您好，非常抱歉', '谢谢您，再见'])).not.toContain('courtesy');
  });
  it('finds facts listed with slashes instead of sentences (美家电器 / 小周 / 工号2046)', () => {
    expect(kinds(['美家电器 / 小周 / 工号2046 / 方便吗', '6月12日 / 3米标准 / 每米50元 / 应收100元'])).toContain('keywords');
    expect(kinds(['您好，我是美家电器的小周，工号2046，现在方便说话吗？'])).not.toContain('keywords');
  });
  it('finds the same message sent again and a wall of text', () => {
    expect(kinds(['您好，这个问题我来帮您处理一下', '您好，这个问题我来帮您处理一下'])).toContain('repeat');
    expect(kinds(['您好，' + '这件事我们一定会认真处理的，'.repeat(20)])).toContain('wall');
  });
});
