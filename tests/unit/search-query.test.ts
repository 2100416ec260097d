import { describe, expect, it } from 'vitest';
import { analyseQuery, expandLone, hasUnknownPair, MAX_QUERY_CHARS } from '../../src/lib/search/query.ts';
import type { SearchDoc } from '../../src/lib/search/documents.ts';
import { fuzzySyllable, homophonesOf } from '../../src/lib/search/homophones.ts';
import { BAD_INPUTS, browserEngine, DOCS, keys, testEngine } from './search-helpers.ts';
import { searchTextPath } from '../../src/lib/search/index-format.ts';

const engine = testEngine();

describe('analyseQuery', () => {
  it('puts back a separable verb that a question about a number splits (换几次班, 请几天假)', () => {
    expect(analyseQuery('一个月可以换几次班').terms.map((t) => t.term)).toContain('换班');
    expect(analyseQuery('请几天假要谁批').terms.map((t) => t.term)).toContain('请假');
    expect(analyseQuery('要几天到').terms.map((t) => t.term)).not.toContain('要到');
  });
  it('puts back a word a customer splits with an amount (磕掉一块漆 → 掉漆)', () => {
    expect(analyseQuery('衣柜门角磕掉一块漆').terms.map((t) => t.term)).toContain('掉漆');
    expect(analyseQuery('桌面掉了点漆').terms.map((t) => t.term)).toContain('掉漆');
  });
  it('reads 让 before an amount as giving way on the price (能让多少 → 让价, with the bargaining synonyms)', () => {
    const q = analyseQuery('客服自己能让多少钱');
    expect(q.terms.map((t) => t.term)).toContain('让价');
    expect(q.synonyms.some((s) => s.members.includes('议价'))).toBe(true);
  });
  it('keeps 后悔 after a filler (就后悔了), drops 后 after a question (多久后), and no piece of a pronoun and a negation (我不想要了)', () => {
    const terms = (q: string) => analyseQuery(q).terms.map((t) => t.term);
    expect(terms('付完款就后悔了')).toContain('后悔');
    expect(terms('多久后回访')).not.toContain('后回');
    expect(terms('亲，钱已经付了，应该还没发货吧？我不想要了能退吗')).not.toContain('我不');
    // 啥时候 asks like 什么时候; whom a message greets (物业你好) names no topic.
    expect(terms('啥时候能来电')).not.toContain('时候');
    expect(terms('物业你好 整栋没电了')).not.toContain('物业');
    expect(terms('物业费怎么算')).toContain('物业');
  });
  it('in a message told in several clauses, the clause that asks weighs more (FOCUS_WEIGHT)', () => {
    const q = analyseQuery('亲 我前天拍的那张床+两个床头柜 啥时候能发货啊😭');
    const focus = q.terms.filter((t) => t.focus).map((t) => t.term);
    expect(focus).toContain('发货');
    expect(focus).not.toContain('床头');
    // One clause, or a keyword: nothing to single out.
    expect(analyseQuery('啥时候能发货').terms.some((t) => t.focus)).toBe(false);
    expect(analyseQuery('发货时间').terms.some((t) => t.focus)).toBe(false);
  });

  it('builds terms with the same tokenizer as the index, and adds synonyms', () => {
    const q = analyseQuery('能便宜点吗');
    expect(q.compact).toBe('能便宜点吗');
    expect(q.terms.map((t) => t.term)).toEqual(['便宜']);
    expect(q.synonyms.flatMap((s) => s.terms)).toEqual(expect.arrayContaining(['议价', '讲价', '砍价']));
  });

  it('drops particles, question words and greetings from the terms (no pair straddles them)', () => {
    const terms = (q: string) => analyseQuery(q).terms.map((t) => t.term);
    expect(terms('台风来了怎么办')).toEqual(['台风', '风来']);
    expect(terms('优惠权限多少钱')).toEqual(expect.arrayContaining(['优惠', '权限']));
    expect(terms('优惠权限多少钱')).not.toContain('少钱');
    expect(terms('亲，在吗？我要退款')).toEqual(['退款']);
    // Degree adverbs go too, so a synonym group's member is found through them (情绪很激动 → 情绪激动).
    expect(analyseQuery('顾客情绪很激动').synonyms.some((s) => s.members.includes('情绪激动'))).toBe(true);
    // Nothing else there: the words themselves are searched.
    expect(terms('在吗')).toEqual(['在吗']);
  });

  it('drops order numbers and reads body measurements as a size question', () => {
    const q = analyseQuery('在吗 我158 95斤 平时穿S 这件要拍M吗？');
    const terms = q.terms.map((t) => t.term);
    expect(terms).toContain('尺码');
    expect(terms).not.toContain('158');
    expect(analyseQuery('订单号 4302918837261 颜色拍错了').terms.map((t) => t.term)).not.toContain('4302918837261');
    expect(analyseQuery('5S4E').terms.map((t) => t.term)).not.toContain('尺码');
    // … also typed in groups with spaces or dashes (7 digits or more together).
    const spaced = analyseQuery('亲 订单号 2836 4410 9921 什么时候发货').terms.map((t) => t.term);
    expect(spaced.filter((t) => /\d/.test(t))).toEqual([]);
    expect(
      analyseQuery('电话 139-0571-2468 打不通')
        .terms.map((t) => t.term)
        .filter((t) => /\d/.test(t)),
    ).toEqual([]);
    expect(analyseQuery('买 2 件 30 元').terms.map((t) => t.term)).toContain('30');
  });

  it('tells a rule question from a customer message and a topic', () => {
    expect(analyseQuery('电话响几声之内必须接？').intent).toBe('rule');
    expect(analyseQuery('投诉多久要给答复').intent).toBe('rule');
    expect(analyseQuery('亲 能不能便宜点啊😭').intent).toBe('situation');
    expect(analyseQuery('交接班').intent).toBe('topic');
    // Weaker signs of a customer (a time waited, a particle, 这款, 我) count when no sign of staff is there.
    expect(analyseQuery('换货寄回去两天了 多久能收到啊').intent).toBe('situation');
    expect(analyseQuery('这款沙发什么时候能发').intent).toBe('situation');
    expect(analyseQuery('打印机今天老是卡纸 多久能修好').intent).toBe('situation');
    expect(analyseQuery('分给我的客户要多久内回访').intent).toBe('rule');
    // Staff asking what to do at a step of their job.
    expect(analyseQuery('前台接待新客要准备什么').intent).toBe('duty');
    // Two clauses tell a situation, however short.
    expect(analyseQuery('合同到期 保证金怎么退').intent).toBe('situation');
    // Whether something is allowed or required, asked with 吗: a rule, unless a customer asks.
    expect(analyseQuery('试用期辞职要交钱吗').intent).toBe('rule');
    expect(analyseQuery('新客第一次来能推卡吗').intent).toBe('rule');
    expect(analyseQuery('亲 这件能退吗').intent).toBe('situation');
    expect(analyseQuery('客服跟客户吵起来了，会怎么处理').intent).toBe('rule');
  });

  it('keeps a character left alone between dropped words (巡 in 每天要巡什么) apart, not as a term', () => {
    const q = analyseQuery('保安每天要巡什么');
    expect(q.lone).toEqual(['巡']);
    expect(q.terms.map((t) => t.term)).not.toContain('巡');
    // A numeral alone is no topic; a query of nothing but dropped words and lone characters searches what was typed.
    expect(analyseQuery('三要三不').lone).toBeUndefined();
    expect(analyseQuery('少件').terms.map((t) => t.term)).toContain('少件');
    // A word of the trade keeps a character that alone would be dropped (件 in 少件, 会 in 早会).
    expect(analyseQuery('家具少件').terms.map((t) => t.term)).toContain('少件');
    expect(analyseQuery('客服中心几点开早会').terms.map((t) => t.term)).toContain('早会');
    // 前 / 后 / 内 right after a question word say when, not what (几号前交 → no 前).
    expect(analyseQuery('报表每月几号前交').lone ?? []).not.toContain('前');
  });

  it('lets a lone character stand for the words of the trade that start with it, even those the segmenter splits (退 → 退货)', () => {
    const doc = (id: string, title: string): SearchDoc => ({
      kind: 'script',
      id,
      title,
      url: `/scripts/#${id}`,
      summary: title,
      reply: title,
    });
    const small = testEngine([doc('return', '顾客要退货'), doc('refund', '退货后退款多久到账'), doc('pair', '退了一半')]);
    const q = expandLone(small.index, analyseQuery('裤子短了 想退'));
    const words = q.synonyms.filter((s) => s.lone).flatMap((s) => s.terms);
    expect(words).toContain('退货');
    expect(words).toContain('退款');
    expect(words).not.toContain('退了');
  });

  it('puts first an entry whose whole title the query names among other words (地震 in a pasted message)', () => {
    const small = testEngine([
      { kind: 'step', id: 'emergency/earthquake', title: '地震', url: '/w/emergency/#earthquake', body: ['躲到桌子下，不要躲在楼梯底下'] },
      {
        kind: 'script',
        id: 'lead-upstairs',
        title: '带客人走楼梯上楼',
        url: '/scripts/#lead-upstairs',
        customer: ['楼梯在哪', '要走楼梯下去吗'],
        summary: '客人问楼梯',
        reply: '您这边请，楼梯在右手边',
      },
    ]);
    expect(keys(small, '刚刚好像地震了！要不要赶快躲到楼梯下面？')[0]).toBe('step:emergency/earthquake');
  });

  it("drops a product's dimensions (1.5米的床): they name the product, not a rule's distance", () => {
    const terms = (q: string) => analyseQuery(q).terms.map((t) => t.term);
    expect(terms('1.5米的实木床什么时候发').some((t) => t.includes('米') || /\d/.test(t))).toBe(false);
    expect(terms('买个2米的衣柜').some((t) => t.includes('米'))).toBe(false);
  });

  it('reads the unit a number question asks for (几声 → 声, 几分钟 → 分钟, 多久 → time units), and drops 内 after it', () => {
    const q = analyseQuery('电话响几声之内必须接');
    expect(q.intent).toBe('rule');
    expect(q.units).toEqual(['声']);
    expect(q.namedUnits).toEqual(['声']);
    expect(q.terms.map((t) => t.term)).not.toContain('之内');
    expect(analyseQuery('上门维修要提前几分钟到').units).toEqual(['分钟']);
    // 个 counts what follows it.
    expect(analyseQuery('一次最多能带几个人').units).toEqual(['人']);
    expect(analyseQuery('上门维修要提前几分钟到').terms.map((t) => t.term)).not.toContain('钟到');
    expect(analyseQuery('回访要在几天内做完').terms.map((t) => t.term)).toEqual(['回访', '做完']);
    expect(analyseQuery('离开工位多久会扣分').units).toEqual(expect.arrayContaining(['分钟', '天']));
    expect(analyseQuery('离开工位多久会扣分').namedUnits).toBeUndefined();
    // A customer's question is no rule question: no unit.
    expect(analyseQuery('亲，几天能到？').units).toBeUndefined();
  });

  it('marks the pairs that straddle two words of the query (they count less)', () => {
    const q = analyseQuery('客户吵架');
    expect(q.terms.find((t) => t.term === '户吵')?.straddles).toBe(true);
    expect(q.terms.find((t) => t.term === '吵架')?.straddles).toBeUndefined();
  });

  it('uses a prefix for a single character', () => {
    expect(analyseQuery('退').terms).toEqual([{ term: '退', boost: 1, prefix: true }]);
  });

  it('cuts long input to MAX_QUERY_CHARS letters and digits', () => {
    expect(Array.from(analyseQuery('便'.repeat(5000)).compact)).toHaveLength(MAX_QUERY_CHARS);
  });

  it('reads a kind word at the end (撤单流程 → workflows)', () => {
    const q = analyseQuery('议价流程');
    expect(q.kindHint).toBe('workflow');
    expect(q.compact).toBe('议价');
  });
});

describe('search', () => {
  it('finds the bargaining script first for 便宜 and its spellings', () => {
    for (const q of ['便宜', '能便宜点吗', '能便宜點嗎', '讲价', '砍价']) expect(keys(engine, q)[0], q).toBe('script:bargain');
    expect(keys(engine, '議價')).toEqual(keys(engine, '议价'));
    expect(keys(engine, '議價').slice(0, 2)).toEqual(expect.arrayContaining(['script:bargain', 'workflow:bargain']));
  });

  it('matches full-width and Traditional input', () => {
    expect(keys(engine, 'ＶＩＰ')[0]).toBe('script:vip');
    expect(keys(engine, '快遞到哪了')[0]).toBe('script:where');
    expect(keys(engine, '１５秒')[0]).toBe('standard:first-response');
  });

  it('expands synonyms from the data list (退钱 → 退款, 物流 ↔ 快递)', () => {
    expect(keys(engine, '退钱')[0]).toBe('script:refund');
    expect(keys(engine, '发货到哪了')[0]).toBe('script:where');
  });

  it('matches part of a word', () => {
    expect(keys(engine, '物流')).toEqual(expect.arrayContaining(['script:where', 'step:ship/track']));
    expect(keys(engine, '响应')[0]).toBe('standard:first-response');
  });

  it('filters by stage, track and kind', () => {
    expect(keys(engine, '便宜', { stage: '售中' })).not.toContain('script:bargain');
    expect(keys(engine, '贵宾', { track: 'ecommerce' })).not.toContain('script:vip');
    expect(keys(engine, '议价', { kinds: ['workflow'] })).toEqual(['workflow:bargain']);
  });

  it('prefers the workflow when the query ends in 流程', () => {
    expect(keys(engine, '议价流程')[0]).toBe('workflow:bargain');
  });

  it('returns scores best first and respects the limit', () => {
    const hits = engine.search('物流', { limit: 2 }).hits;
    expect(hits.length).toBeLessThanOrEqual(2);
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
  });

  it('never throws on bad input', () => {
    for (const input of BAD_INPUTS) {
      expect(() => engine.search(input), JSON.stringify(input.slice(0, 20))).not.toThrow();
      expect(() => engine.closest(input)).not.toThrow();
    }
    expect(engine.search('').hits).toEqual([]);
    expect(engine.search('<script>alert(1)</script>').hits).toEqual([]);
    expect(engine.search(undefined as unknown as string).hits).toEqual([]);
  });

  it('offers the closest scripts when nothing matches', () => {
    expect(engine.search('便宣').hits).toEqual([]);
    expect(engine.closest('便宣').map((h) => h.doc.id)).toContain('bargain');
    expect(engine.closest('宜家').map((h) => h.doc.id)).toContain('bargain');
    expect(engine.closest('😀')).toEqual([]);
  });
});

describe('typos and homophones', () => {
  it('searches the homophone pair the index holds for a pair it lacks (快第 → 快递)', () => {
    expect(homophonesOf('第')).toContain('递');
    // Characters that look alike count too (退换贷 → 退换货), and old variants (欵 → 款).
    expect(homophonesOf('贷')).toContain('货');
    expect(homophonesOf('欵')).toContain('款');
    expect(fuzzySyllable('shu')).toBe(fuzzySyllable('su'));
    expect(keys(engine, '快第')[0]).toBe('script:where');
    expect(keys(engine, '议加')).toContain('script:bargain');
    // Pairs the index has are never changed.
    expect(keys(engine, '快递')).toEqual(keys(engine, '快递'));
    expect(engine.search('快递').query.terms.map((t) => t.term)).toContain('快递');
  });

  it('leaves a pair inside a dictionary word of the query alone (期天 in 星期天 is no typo of 几天)', () => {
    expect(engine.search('星期天谁值班').query.terms.map((t) => t.term)).not.toContain('几天');
    expect(analyseQuery('星期天谁值班').terms.map((t) => t.term)).not.toContain('天谁');
  });

  it('asks the browser to load the table only for a query with an unknown pair', () => {
    expect(hasUnknownPair(engine.index, '快第')).toBe(true);
    expect(hasUnknownPair(engine.index, '快递')).toBe(false);
  });
});

describe('texts fetched apart (the browser)', () => {
  it('ranks without the texts exactly as with them', () => {
    const { engine: browser } = browserEngine();
    for (const q of ['便宜', '能便宜点吗', '議價', '快递到哪了', '物流', '退钱', 'ＶＩＰ', '１５秒', '议价流程', '便宣']) {
      expect(keys(browser, q), q).toEqual(keys(engine, q));
      expect(browser.search(q).hits.map((h) => h.score)).toEqual(engine.search(q).hits.map((h) => h.score));
      expect(browser.closest(q).map((h) => h.ref)).toEqual(engine.closest(q).map((h) => h.ref));
    }
  });

  it('fetches each text once, and only for the documents asked for', async () => {
    const b = browserEngine();
    await Promise.all([b.engine.loadTexts([0, 1]), b.engine.loadTexts([1, 0, 0])]);
    expect([...b.log].sort()).toEqual([searchTextPath(DOCS[0]!), searchTextPath(DOCS[1]!)].sort());
    expect(b.engine.hasText(0) && b.engine.hasText(1) && !b.engine.hasText(2)).toBe(true);
    expect(b.engine.index.docs[0]!.reply).toBe(DOCS[0]!.reply);
    await b.engine.loadTexts([0, -1, 99, 1.5]);
    expect(b.log).toHaveLength(2);
  });

  it('does not take the text of another document (a file of another build)', async () => {
    const b = browserEngine();
    b.files.set(searchTextPath(DOCS[0]!), { ...(b.files.get(searchTextPath(DOCS[1]!)) as object) });
    await b.engine.loadTexts([0]);
    // The stale file was refused; the one-file copy gave the right text.
    expect(b.log).toEqual([searchTextPath(DOCS[0]!), 'texts.json']);
    expect(b.engine.index.docs[0]!.reply).toBe(DOCS[0]!.reply);
  });

  it('rejects when neither the file nor the copy can be had, and tries again later', async () => {
    const b = browserEngine();
    b.state.failOne = true;
    b.state.failAll = true;
    await expect(b.engine.loadTexts([0])).rejects.toThrow();
    b.state.failAll = false;
    await b.engine.loadTexts([0]);
    expect(b.engine.hasText(0)).toBe(true);
  });
});
