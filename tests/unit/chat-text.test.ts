import { describe, expect, it } from 'vitest';
import { countChars, excerpt, findAll, folded, isNegated, normalize, splitClauses } from '../../src/lib/chat/normalize.ts';
import { wellFormed } from '../../src/lib/text/fold.ts';
import { findAmounts, parseNumber } from '../../src/lib/chat/amounts.ts';
import { analyseMessage, compileIntents } from '../../src/lib/chat/intents.ts';
import { THREE_NOTS_PATTERNS } from '../../src/lib/chat/checks.ts';
import { findPromises, relaysDecision } from '../../src/lib/chat/promises.ts';

describe('normalize', () => {
  it('folds full-width characters, case, zero-width characters and whitespace', () => {
    expect(normalize('２０元 ＯＫ\u200B 您 好')).toBe('20元ok您好');
  });
  it('replaces lone surrogates and keeps real pairs', () => {
    expect(wellFormed('a\uD800b')).toBe('a\uFFFDb');
    expect(normalize('好😀\uDC00')).toBe('好😀\uFFFD');
  });
  it('counts characters as code points without whitespace', () => {
    expect(countChars('您好 😀\n')).toBe(3);
  });
  it('splits clauses at Chinese and Latin punctuation', () => {
    expect(splitClauses(normalize('不能便宜，最多送您赠品!好吗？')).map((c) => c.text)).toEqual(['不能便宜', '最多送您赠品', '好吗']);
  });
  it('quotes the original words as evidence, not the normalised form', () => {
    const f = folded('亲，您好！ 给您便宜３０元～');
    const pos = f.text.indexOf('30元');
    expect(excerpt(f, pos, 3, 3)).toBe('…您便宜３０元～');
    expect(excerpt(f, 0, 1, 2)).toBe('亲，您…');
  });
});

describe('phrase search', () => {
  it('ignores words that only contain the phrase (申请 is not 请, 迷你 is not 你)', () => {
    expect(findAll(normalize('我去帮您申请一下'), '请')).toEqual([]);
    expect(findAll(normalize('请您稍等'), '请')).toEqual([0]);
    expect(findAll(normalize('迷你款'), '你')).toEqual([]);
  });
  it('sees negations before a phrase and 不了 after it', () => {
    expect(isNegated('不能给您便宜', 4, 2)).toBe(true);
    expect(isNegated('没有赠品', 2, 2)).toBe(true);
    expect(isNegated('便宜不了', 0, 2)).toBe(true);
    expect(isNegated('不过送您一个礼物', 2, 2)).toBe(false);
    expect(isNegated('给您便宜', 2, 2)).toBe(false);
    // 差不多 (about) negates nothing: 差不多四万八 quotes a price.
    expect(isNegated('差不多四万八', 4, 2)).toBe(false);
  });
});

describe('amounts', () => {
  it.each([
    ['30', 30],
    ['二十', 20],
    ['十五', 15],
    ['三十五', 35],
    ['一百', 100],
    ['一百五', 150],
    ['两千三', 2300],
    ['八五', 85],
    ['abc', undefined],
  ] as const)('parseNumber(%s) = %s', (raw, n) => {
    expect(parseNumber(raw)).toBe(n);
  });

  it('reads yuan from 元/块/¥ and from 便宜/减/少收/优惠 + number', () => {
    const yuan = (s: string, price?: number) => findAmounts(normalize(s), price).map((a) => a.yuan);
    expect(yuan('给您便宜30元')).toContain(30);
    expect(yuan('减二十')).toEqual([20]);
    expect(yuan('少收您50块')).toContain(50);
    expect(yuan('¥25')).toEqual([25]);
    expect(yuan('便宜3天发货')).toEqual([]);
  });
  it('turns 折 into yuan with the product price', () => {
    expect(findAmounts('打8折', 299)).toEqual([{ zhe: 8, yuan: 59.8, text: '打8折', index: 0 }]);
    expect(findAmounts('85折', 200)[0]?.yuan).toBe(30);
    expect(findAmounts('九折')[0]).toEqual({ zhe: 9, text: '九折', index: 0 });
  });
  it('does not read prices and thresholds as discounts', () => {
    expect(findAmounts(normalize('原价299元')).length).toBe(0);
    expect(findAmounts(normalize('满299减20')).map((a) => a.yuan)).toEqual([20]);
  });
  it('reads a price near the product price as the cut it makes', () => {
    const yuan = (s: string, price?: number) => findAmounts(normalize(s), price).map((a) => a.yuan);
    expect(yuan('169元给您改价', 189)).toEqual([20]);
    expect(yuan('189元是全国统一价', 189)).toEqual([]);
    expect(yuan('给您便宜20元', 30)).toContain(20);
    expect(yuan('169元给您改价')).toEqual([169]);
  });
});

describe('intents', () => {
  const intents = compileIntents({
    'offers-gift': { label: '送赠品', phrases: ['赠品', '小礼物', '送您'], unless: ['没货'], negatable: true, amount: false },
  });
  const hits = (s: string) => [...analyseMessage(s, intents).hits.keys()];

  it('matches synonyms, with built-in intents available', () => {
    expect(hits('亲，主管说价格改不了，不过送您一个小礼物，请您稍等')).toEqual(
      expect.arrayContaining(['offers-gift', 'escalates-supervisor', 'holds', 'greets']),
    );
  });
  it('hears reassurance in its everyday forms (放心吧, 这点您可以放心, 别着急)', () => {
    for (const text of ['我们是旗舰店，放心吧', '这点您可以放心', '您别着急']) expect(hits(text), text).toContain('reassures');
  });
  it('drops negated phrases and clauses holding an `unless` phrase', () => {
    expect(hits('这次没有赠品哦')).not.toContain('offers-gift');
    expect(hits('赠品没货了')).not.toContain('offers-gift');
  });
  it('a discount counts only with an amount; the amount is read from the same clause', () => {
    expect(analyseMessage('已经很优惠了', intents).hits.has('promises-discount')).toBe(false);
    const a = analyseMessage('我们不议价，给您便宜30元吧', intents, 299);
    expect(a.hits.has('promises-discount')).toBe(true);
    expect(a.discounts).toEqual([{ yuan: 30, evidence: expect.stringContaining('30元') }]);
    expect(analyseMessage('不能给您便宜30元', intents).discounts).toEqual([]);
    expect(analyseMessage('可以打9折', intents, 300).discounts[0]).toMatchObject({ zhe: 9, yuan: 30 });
  });
  it('a scenario intent with a built-in id replaces the built-in one', () => {
    const own = compileIntents({ greets: { label: '问候', phrases: ['早上好'], unless: [], negatable: true, amount: false } });
    expect(own.get('greets')?.phrases).toEqual(['早上好']);
  });
});

describe('matching that understands Chinese (issue 13, item 3)', () => {
  const own = compileIntents({
    'checks-status': { label: '查', phrases: ['查一下', '帮您查'], unless: [], negatable: true, amount: false },
    cancels: { label: '取消', phrases: ['取消'], unless: [], negatable: true, amount: false },
    refuses: { label: '回绝', phrases: ['不能取消', '没法取消'], unless: [], negatable: false, amount: false },
    asks: { label: '问意愿', phrases: ['您希望'], unless: [], negatable: true, amount: false },
  });
  const hits = (text: string) => [...analyseMessage(text, own).hits.keys()];
  it('reads 能不能/是不是/会不会 as questions, not as refusing', () => {
    expect(hits('能不能取消要看仓库有没有发出')).toContain('cancels');
    expect(hits('能不能取消要看仓库有没有发出')).not.toContain('refuses');
    expect(hits('这单不能取消')).toContain('refuses');
    expect(hits('这单没法直接取消了，不过可以拒签')).not.toContain('refuses');
  });
  it('allows a few characters inside a phrase', () => {
    expect(hits('给您道个歉')).toContain('apologises');
    expect(hits('您这边更希望怎么处理？')).toContain('asks');
    expect(hits('您不希望')).not.toContain('asks');
  });
  it('knows who acts: 领导现在不在 is no escalation, 您自己查一下 no offer to check', () => {
    expect(hits('领导现在不在')).not.toContain('escalates-supervisor');
    expect(hits('我去问问领导')).toContain('escalates-supervisor');
    expect(hits('您自己查一下')).not.toContain('checks-status');
    expect(hits('我帮您查一下')).toContain('checks-status');
  });
  it('a clause the next one denies (照着明星一模一样做，也不现实) says the opposite of its words', () => {
    const promise = compileIntents({
      guarantees: { label: '保证', phrases: ['一模一样'], unless: [], negatable: false, amount: false },
    });
    const said = (text: string) => analyseMessage(text, promise).hits.has('guarantees');
    expect(said('照着明星一模一样做，也不现实')).toBe(false);
    expect(said('做得一模一样，这是不可能的')).toBe(false);
    expect(said('保证做得一模一样，您放心')).toBe(true);
  });
  it('a denied guarantee takes back the promises around it, up to a 但; only for promise intents', () => {
    const defs = {
      guarantees: { label: '保证', phrases: ['一模一样', '不会留疤', '一定到'], unless: [], negatable: false, amount: false },
      experts: { label: '专家', phrases: ['专家'], unless: [], negatable: true, amount: false },
    };
    const promise = compileIntents(defs, new Set(['guarantees', 'experts']));
    const said = (text: string) => analyseMessage(text, promise).hits.has('guarantees');
    // in its clause, before or after the denial
    expect(said('谁也没法打包票做成一模一样')).toBe(false);
    expect(said('明天一定到这个我没法保证')).toBe(false);
    expect(said('医生不会跟您说百分百一模一样')).toBe(false);
    expect(said('正规医院也不该这样给您打包票一模一样')).toBe(false);
    // the clause after a denial that ends its clause, the clause before one that opens the next
    expect(said('我不敢跟您打包票，说一定不会留疤')).toBe(false);
    expect(said('做成一模一样，这个谁也保证不了')).toBe(false);
    // …but not past a 但, and a plain promise stays one
    expect(said('我不敢打包票，但一定不会留疤')).toBe(true);
    expect(said('我跟您保证，一定不会留疤')).toBe(true);
    expect(said('不满意我保证做成一模一样')).toBe(true);
    // an intent the scenario does not judge as a promise is not taken back
    const plain = compileIntents(defs, new Set(['guarantees']));
    expect(analyseMessage('我不能保证效果，专家面诊后会如实告诉您', plain).hits.has('experts')).toBe(true);
  });
  it('matches a number only whole: 50元 is not in 150元, 五十元 not in 一百五十元, 3米 not in 13米', () => {
    const result = compileIntents({
      result: { label: '结果', phrases: ['50元', '五十元', '3米'], unless: [], negatable: true, amount: false },
    });
    const said = (text: string) => analyseMessage(text, result).hits.has('result');
    expect(said('安装时师傅加收了150元铜管费')).toBe(false);
    expect(said('一共一百五十元')).toBe(false);
    expect(said('管子用了13米')).toBe(false);
    expect(said('多收了50元')).toBe(true);
    expect(said('退您五十元')).toBe(true);
    expect(said('标准安装含3米铜管')).toBe(true);
  });
  it('reads the substance whatever the form of address: 退给你 counts for 退给您', () => {
    const refund = compileIntents({
      refunds: { label: '退', phrases: ['退给您'], unless: [], negatable: true, amount: false },
      blames: { label: '推', phrases: ['你去找物流'], unless: [], negatable: false, amount: false },
    });
    const said = (text: string) => [...analyseMessage(text, refund).hits.keys()];
    expect(said('多收的50会退给你的')).toContain('refunds');
    expect(said('您去找物流吧')).toContain('blames');
    expect(said('这事我们负责，不用您去找物流')).not.toContain('blames');
  });
  it('finds 三不 by pattern, not only by the fixed list', () => {
    for (const text of [
      '这个跟我们店没关系',
      '这是快递的事',
      '我们也没办法',
      '您自己去联系快递',
      '运输途中的磕碰属于物流责任',
      '麻烦您联系一下物流公司申请理赔',
      '额度不够是你卡的问题',
      '这都不懂？',
      '代付都不懂吗？',
      '发了，自己去德邦查',
      '详情页写了的，没看吗',
      '不知道，到了物流会通知你的',
      '你自己打德邦电话问吧',
      '师傅临时有事也没办法',
      '误工的工资我们不管的',
      '你自己在系统里改约明天吧',
      '额度不够你问我干嘛，找银行去',
      '付不了就算了',
      '改不改随你',
      '爱买不买',
    ])
      expect(
        THREE_NOTS_PATTERNS.some(({ re }) => re.test(normalize(text))),
        text,
      ).toBe(true);
    for (const text of [
      '这是我们的问题，我马上处理',
      '我帮您联系快递',
      '我帮您联系物流那边',
      '这不是您的问题',
      '不是物流的问题，是我们没包好',
      '不管怎样我们都会给您处理好',
      '换谁也没办法接受，是我们没做好',
      '我帮您问问银行那边',
      '您看要不要改，完全尊重您的意见',
      '我自己去查一下，马上回您',
      '我帮您问问，不知道的地方我查清楚再告诉您',
    ])
      expect(
        THREE_NOTS_PATTERNS.some(({ re }) => re.test(normalize(text))),
        text,
      ).toBe(false);
  });
});

describe('someone talked about is not someone gone to', () => {
  it('组长还这样回您 and 组长态度也不好 are no escalation; 报告组长 is', () => {
    const hits = (text: string) => [...analyseMessage(text, compileIntents({}), undefined).hits.keys()];
    expect(hits('花瓶也碎了，组长还这样回您')).not.toContain('escalates-supervisor');
    expect(hits('组长态度也不好，是我们的问题')).not.toContain('escalates-supervisor');
    expect(hits('我马上报告组长处理')).toContain('escalates-supervisor');
  });
});

describe('promises that need authority (issue 13, item 2)', () => {
  const promises = (text: string) => findPromises(folded(text)).map((p) => ({ kind: p.kind, deferred: p.deferred }));
  it('finds compensation, free services and guarantees of an outcome', () => {
    for (const text of ['这 150 元我们全部退给您', '再送您一次免费清洗空调的服务', '赔您100元', '假一赔十'])
      expect(promises(text).length, text).toBeGreaterThan(0);
    expect(promises('明天肯定到')).toEqual([{ kind: 'guarantee', deferred: false }]);
    expect(promises('周六之前一定送到您家')).toEqual([{ kind: 'guarantee', deferred: false }]);
    expect(promises('预计周六前能到，具体以物流为准')).toEqual([]);
  });
  it('a promise passed on or refused is none', () => {
    expect(promises('我帮您申请补偿50元')).toEqual([{ kind: 'compensation', deferred: true }]);
    expect(promises('免三个月不可能的')).toEqual([]);
    expect(promises('这个我不能保证')).toEqual([]);
    // A denied guarantee takes back the promise next to it (normalize.ts promiseDenied).
    expect(promises('明天一定到这个我没法保证')).toEqual([]);
    expect(promises('明天肯定到，这个谁也保证不了')).toEqual([]);
    expect(promises('我不敢打包票，但明天肯定到')).toEqual([{ kind: 'guarantee', deferred: false }]);
    expect(promises('多收的50元会退回您的原付款账户')).toEqual([]);
  });
  it('saying what the shop sells (保证是品牌正品) is no guarantee of an outcome; 保证明天到 is', () => {
    expect(promises('在我们这儿买的保证是品牌正品，有质检报告')).toEqual([]);
    expect(promises('保证正品')).toEqual([]);
    expect(promises('我们是品牌旗舰店，正品保证，线上线下统一价格')).toEqual([]);
    expect(promises('我保证明天到')).toEqual([{ kind: 'guarantee', deferred: false }]);
  });
  it("the order's own money back on a cancellation or a return is no compensation; 全额退款 for a complaint is", () => {
    expect(promises('包裹还在仓库，就可以直接取消，全额退款 329 元')).toEqual([]);
    expect(promises('您拒签以后，全额退款')).toEqual([]);
    expect(promises('让您白等一上午，我给您全额退款')).toEqual([{ kind: 'compensation', deferred: false }]);
    expect(promises('这100元我也做主给您全退了').length).toBeGreaterThan(0);
  });
  it('more money back on top of the decision, or a new item sent free, is a promise; vouching for one’s own work is not', () => {
    expect(promises('那这100元我们也一起退给您')).toEqual([{ kind: 'compensation', deferred: false }]);
    expect(promises('我明天就给您免费寄一个新遥控器')).toEqual([{ kind: 'compensation', deferred: false }]);
    expect(promises('多收的50元会在3个工作日内退回')).toEqual([]);
    expect(promises('我穿上鞋套，保证不弄脏您的地板')).toEqual([]);
    expect(promises('按您这一批的型号补，寄过来保证装得上')).toEqual([]);
    expect(promises('正规医院也不该这样给您打包票')).toEqual([]);
    expect(promises('到货时间以物流为准，我不随口给您打包票')).toEqual([]);
    expect(promises('别家的价我不评价，我只说我们能保证的')).toEqual([]);
    expect(promises('保证明天修好')).toEqual([{ kind: 'guarantee', deferred: false }]);
    expect(promises('您放心，这个事我能做主')).toEqual([{ kind: 'guarantee', deferred: false }]);
    expect(promises('20元是我能做主的最大优惠了')).toEqual([]);
    expect(promises('花瓶您说多少钱我们就赔多少')).toEqual([{ kind: 'compensation', deferred: false }]);
    expect(promises('那个师傅我们马上开除')).toEqual([{ kind: 'guarantee', deferred: false }]);
  });
  it('talking about promises (谁打包票都是不负责任的) is none; what follows a relayed decision is part of it', () => {
    expect(promises('效果因人而异，谁打包票都是不负责任的')).toEqual([]);
    expect(promises('没人敢保证一点疤都不留')).toEqual([]);
    expect(promises('我打包票没问题')).toEqual([{ kind: 'guarantee', deferred: false }]);
    expect(relaysDecision(folded('负责人的处理意见是：明天上午质检主管带师傅上门核实'))).toBe(true);
    expect(findPromises(folded('这次保洁费会先全额退还给您'), true).map((p) => p.deferred)).toEqual([true]);
    expect(findPromises(folded('这次保洁费会先全额退还给您')).map((p) => p.deferred)).toEqual([false]);
    // A charge the rules put on the customer, taken off on the spot.
    expect(promises('运费我们店里出，您一分钱不用花')).toEqual([{ kind: 'compensation', deferred: false }]);
    expect(promises('那100元我也给您免了')).toEqual([{ kind: 'compensation', deferred: false }]);
    expect(promises('那这100元我们也不收了')).toEqual([{ kind: 'compensation', deferred: false }]);
    expect(promises('另外再给您退 500 元补偿')).toEqual([{ kind: 'compensation', deferred: false }]);
    expect(promises('旧的这张也不用退了，您留着用')).toEqual([{ kind: 'compensation', deferred: false }]);
    expect(promises('多收的50元会退给您，应收100元')).toEqual([]);
    // Keeping the item is a gift only with money back or a new one; a repair on the spot is none.
    expect(promises('给您补发一个新的，坏的不用寄回')).toEqual([{ kind: 'compensation', deferred: false }]);
    expect(promises('可以请师傅上门给您修复，不用您跑，也不用寄回')).toEqual([]);
  });
});
