/**
 * Calibration of the chat scorer against the real content: every transcript in
 * tests/calibration/ (a strong, an average and a poor agent per scenario) is scored with the real
 * content/scenarios and content/standards, and must land in its band and reach its ending.
 * Also: every scenario's model replies must reach a satisfied ending with full marks.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scenarioSchema, standardSchema, type Scenario } from '../../src/schemas/index.ts';
import { checkScenarioStructure } from '../../src/lib/chat/scenario-structure.ts';
import { parseYaml, readListFile } from '../../src/lib/node/load-content.ts';
import { buildChatRules } from '../../src/lib/chat/rules.ts';
import { parseRepliesFile } from '../../src/lib/chat/replies-file.ts';
import { scoreChat } from '../../src/lib/chat/score.ts';
import { analyseMessage, compileIntents } from '../../src/lib/chat/intents.ts';
import { modelReplies } from './chat-helpers.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const CAL = join(REPO, 'tests/calibration');

interface Case {
  file: string;
  scenario: string;
  level: 'strong' | 'average' | 'poor';
  min: number;
  max: number;
  ending: string;
}
const manifest = JSON.parse(readFileSync(join(CAL, 'manifest.json'), 'utf8')) as { cases: Case[] };

const standards = readdirSync(join(REPO, 'content/standards'))
  .filter((f) => f.endsWith('.yaml') && !f.startsWith('_'))
  .flatMap((f) => readListFile(REPO, join(REPO, 'content/standards', f), standardSchema).items);
const rules = buildChatRules(standards);

const scenarios = new Map<string, Scenario>();
for (const f of readdirSync(join(REPO, 'content/scenarios')).filter((f) => f.endsWith('.yaml') && !f.startsWith('_'))) {
  const file = `content/scenarios/${f}`;
  const parsed = parseYaml(readFileSync(join(REPO, file), 'utf8'), file);
  const sc = scenarioSchema.parse(parsed.value);
  scenarios.set(sc.id, sc);
}

function score(c: Case) {
  const sc = scenarios.get(c.scenario);
  if (!sc) throw new Error(`manifest: 没有场景 ${c.scenario}`);
  const parsed = parseRepliesFile(readFileSync(join(CAL, c.file), 'utf8'));
  if (!parsed.ok) throw new Error(`${c.file}: ${JSON.stringify(parsed.problems)}`);
  return scoreChat(sc, parsed.replies, rules);
}

describe('chat calibration (real content)', () => {
  it('the real standards give every phrase list and limit the engine needs', () => {
    expect(rules.warnings).toEqual([]);
    expect(rules.politeWords.length).toBeGreaterThan(0);
    expect(rules.bannedPhrases.length).toBeGreaterThan(0);
    expect(rules.threeNotsPhrases.length).toBeGreaterThan(0);
  });

  it('has at least ten scenarios and twenty transcripts, three levels per scenario', () => {
    expect(scenarios.size).toBeGreaterThanOrEqual(10);
    expect(manifest.cases.length).toBeGreaterThanOrEqual(20);
    for (const id of scenarios.keys()) {
      expect(
        manifest.cases
          .filter((c) => c.scenario === id)
          .map((c) => c.level)
          .sort(),
      ).toEqual(['average', 'poor', 'strong']);
    }
  });

  it.each(manifest.cases.map((c) => [c.file, c] as const))('%s lands in its band and ending', (_file, c) => {
    const r = score(c);
    const failed = r.findings.filter((f) => !f.passed).map((f) => `${f.turn ?? '-'} ${f.message}`);
    expect(r.ending.id, failed.join('\n')).toBe(c.ending);
    expect(r.score, failed.join('\n')).toBeGreaterThanOrEqual(c.min);
    expect(r.score, failed.join('\n')).toBeLessThanOrEqual(c.max);
  });

  it('orders strong > average > poor in every scenario', () => {
    for (const id of scenarios.keys()) {
      const by = (level: Case['level']) => score(manifest.cases.find((c) => c.scenario === id && c.level === level) as Case).score;
      expect(by('strong')).toBeGreaterThan(by('average'));
      expect(by('average')).toBeGreaterThan(by('poor'));
    }
  });

  it.each([...scenarios.keys()])('%s: structure is sound and the model replies reach a satisfied ending with full marks', (id) => {
    const sc = scenarios.get(id) as Scenario;
    expect(checkScenarioStructure(sc, `content/scenarios/${id}.yaml`)).toEqual([]);
    const r = scoreChat(sc, modelReplies(sc, rules), rules);
    const failed = r.findings.filter((f) => !f.passed).map((f) => `${f.turn ?? '-'} ${f.message}`);
    expect(r.ending.kind, failed.join('\n')).toBe('satisfied');
    expect(r.score, failed.join('\n')).toBeGreaterThanOrEqual(95);
  });
});

describe('real scenarios read common wordings', () => {
  const hits = (id: string, text: string) => [
    ...analyseMessage(text, compileIntents(scenarios.get(id)?.intents ?? {}), undefined).hits.keys(),
  ];
  it('“谁也打不了包票” says no guarantee, it gives none (vip-arrival)', () => {
    const said = hits('vip-arrival', '效果因人而异，谁也打不了包票做得跟某位明星一模一样');
    expect(said).toContain('no-guarantee');
    expect(said).not.toContain('guarantees');
    // … also when the denial is the next clause: 做完跟明星一模一样，谁都打不了包票.
    expect(hits('vip-arrival', '做完跟明星一模一样，谁都打不了包票')).not.toContain('guarantees');
    expect(hits('vip-arrival', '谁也没法打包票做成一模一样，请您理解')).not.toContain('guarantees');
    expect(hits('vip-arrival', '保证做得跟明星一模一样')).toContain('guarantees');
  });
  it('a price named on the spot (VIP 价是四万八) is a quote (vip-arrival); home delivery promised for a pickup is wrong (shipping-where)', () => {
    expect(hits('vip-arrival', '眼综合加鼻子，我们给您的 VIP 价是四万八，全部包含')).toContain('quotes-now');
    expect(hits('vip-arrival', '预算五六万，我记下了')).not.toContain('quotes-now');
    expect(hits('shipping-where', '是送货上门的哦亲，我们全程包送到家，不用额外付任何费用')).toContain('promises-door');
    expect(hits('shipping-where', '到了物流点会电话通知您自提，不是送货上门')).not.toContain('promises-door');
    expect(hits('shipping-where', '请您带上身份证，当面点清件数')).toContain('pickup-reminder');
  });
  it('“今天一定不让您白跑” does not press for a decision, and “五六万我记下了” quotes no price (vip-arrival)', () => {
    expect(hits('vip-arrival', '理解，您时间宝贵，今天一定不让您白跑')).not.toContain('pressures');
    expect(hits('vip-arrival', '好的，五六万我记下了')).not.toContain('quotes-now');
    expect(hits('vip-arrival', '今天定下来的话还有优惠')).toContain('pressures');
  });
  it('asking 王阿姨 for the 验证码 or to pay into a personal WeChat ends the chat: she grows wary (unpaid-order)', () => {
    const sc = scenarios.get('unpaid-order') as Scenario;
    for (const text of ['您加我个人微信转给我就行', '您把收到的验证码告诉我，我帮您付']) {
      const r = scoreChat(sc, [{ text: `阿姨您好，别着急～${text}`, afterMs: 8000 }], rules);
      expect(r.ending.id, text).toBe('wary');
      expect(r.score, text).toBeLessThanOrEqual(35);
    }
    expect(hits('unpaid-order', '验证码千万别告诉任何人')).toEqual([]);
  });
  it('“改不改评价完全由您决定” asks for no change of review (mid-review-callback)', () => {
    expect(hits('mid-review-callback', '您放心，改不改评价完全由您决定。')).not.toContain('demands-review-change');
    expect(hits('mid-review-callback', '麻烦您把评价改成好评')).toContain('demands-review-change');
  });
  it('“您的心情我特别理解” is empathy (transit-damage, phone-callback)', () => {
    expect(hits('transit-damage', '您的心情我特别理解')).toContain('empathises');
    expect(hits('phone-callback', '您的心情我特别理解')).toContain('empathises');
  });
});
