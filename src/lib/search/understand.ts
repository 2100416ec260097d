/**
 * Query understanding: what in a typed or pasted query is the topic, and what kind of answer it
 * asks for. Works on the folded runs of the query (query.ts) and the word lists of query-words.ts.
 *
 * - Greetings, politeness and pronouns of a pasted message (亲，在吗，你好 …) are dropped when
 *   anything else is there.
 * - Particles and question words (吗 呢 了 怎么办 能不能 多久 几声 …) are marked: the search terms
 *   are made of what is left, so no pair straddles them (了怎, 么办, 要接 are not terms).
 * - Order numbers and codes (long digit strings) are dropped; body measurements (158 95斤, 穿 M)
 *   are dropped and the query asks about sizes instead; a product's dimensions (1.8米) are
 *   dropped; other numbers stay, with a lower weight (query.ts), so a number that is in the rule
 *   helps and one that is not does not mislead.
 * - A Han character left alone between dropped words (巡 in 每天要巡什么) is kept apart (`lone`):
 *   query.ts searches the index's words that start with it.
 * - The kind of answer: a question about a rule or a number (多久, 几天, 超过多少, 罚多少 …)
 *   asked without a customer's markers wants the standard or step holding the rule (`rule`);
 *   staff asking what to do (要带哪些东西, 要注意什么) want the step or standard that says (`duty`);
 *   a customer's message (亲, 你们, emoji, ？？, or weaker signs such as 三天了, 啊, 我, when no
 *   sign of staff such as 客户 or 要多久内 is there) wants a reply (`situation`), and so does a
 *   message of two clauses or a long one; a few words without either are a topic (`topic`), where
 *   every kind may come first.
 *
 * When nothing would be left (the query is only 在吗, or 怎么办), nothing is dropped.
 */
import { fold, isHan } from './normalise.ts';
import { getSegmenter } from './tokenize.ts';
import { SYNONYM_GROUPS } from './synonyms.ts';
import {
  BODY_UNITS,
  DROPPED_SINGLE_CHARS,
  FILLER_WORDS,
  NOISE_WORDS,
  LONG_UNITS,
  NOT_UNITS,
  LONE_VERBS,
  NUMERALS,
  PRODUCT_UNITS,
  QUESTION_ONLY_WORDS,
  QUESTION_UNITS,
  RULE_QUESTION_WORDS,
  SIZE_LETTERS,
  SIZE_WORD,
} from './query-words.ts';

export type QueryIntent = 'rule' | 'duty' | 'situation' | 'topic';

export interface UnderstoodQuery {
  /** The pieces of the query that carry its topic (runs cut at the dropped words). */
  pieces: string[];
  /** Han characters left alone between dropped words (巡 in 每天要巡什么, 床 in 2米的床): see query.ts. */
  lone: string[];
  /** In a message told in several clauses, the pieces of the clauses that ask (see ASKING_CLAUSE). */
  focus?: string[];
  /** The query without greetings and politeness (synonyms are looked up in it). */
  topicText: string;
  intent: QueryIntent;
  /** A body measurement or a size letter was there: the query asks about sizes. */
  asksSize: boolean;
  /** The units a question about a number asks for (几声 → 声, 多久 → 分钟, 天 …), if any. */
  units: string[];
  /** Of those, the ones the query names itself (几声, 多少度), not read from a question word (多久). */
  namedUnits: string[];
}

const byLength = (list: readonly string[]) => [...list].sort((a, b) => b.length - a.length);
const NOISE = byLength(NOISE_WORDS);
/** A message that opens by greeting someone (物业你好, 管理处您好, 客服在吗): group 1 is whom. */
const ADDRESSEE = /^(\p{Script=Han}{1,4}?)(?:你好|您好|在吗|在不在)/u;
const NOISE_SINGLES = new Set(NOISE_WORDS.filter((w) => w.length === 1));
const DROPPED = byLength([...new Set([...FILLER_WORDS, ...QUESTION_ONLY_WORDS])]);
const DROPPED_SINGLES = DROPPED_SINGLE_CHARS;
const QUESTION = byLength(QUESTION_ONLY_WORDS);
const NEGATIONS = '不没别';
const RULE = byLength(RULE_QUESTION_WORDS);
const UNITS = byLength(BODY_UNITS).join('|');
const BODY_MEASURE = new RegExp(`\\d+(?:\\.\\d+)?(?:${UNITS})|(?:${UNITS})\\d+(?:\\.\\d+)?`, 'gu');
/**
 * A product's dimension (1.8米的床, 55寸): it says which product, not which rule, and its unit
 * matches the rules' distances (出门 3 米迎客). Dropped with the number; a decimal point splits the
 * run (1.8米 arrives as 1 and 8米), so a lone number just before it goes too.
 */
const DIMENSION = new RegExp(`\\d+(?:${PRODUCT_UNITS.join('|')})`, 'gu');
/** A size letter must stand between Han characters (穿s这件), not inside a code (5s4e). */
const SIZE_LETTER_IN_HAN = new RegExp(`(?<=\\p{Script=Han}|^)(?:${byLength(SIZE_LETTERS).join('|')})(?=\\p{Script=Han}|$)`, 'gu');
/** Order numbers, tracking numbers and other codes: 7+ digits, or letters and 6+ digits. */
const CODE = /[a-z]*\d{6,}[a-z\d]*|\d{7,}/gu;
/** A customer's markers in the raw input: emoji, doubled or full-width question and exclamation marks, a tilde. */
const CUSTOMER_MARKS = /\p{Extended_Pictographic}|[?？!！]{2,}|[!！～~]/u;
/** Two clauses (租约到期不续了 押金怎么退？): a situation told, not a topic named. */
const CLAUSES = /\p{Script=Han}[\s\p{P}]+\p{Script=Han}/u;
const CUSTOMER_WORDS = ['亲', '在吗', '你们', '你家', '您', '你好', '您好', '麻烦'];
/**
 * Weaker signs of a customer's own message, each of which a staff member's question about a rule
 * seldom has: a particle of spoken chat (啊 呀 耶 …), a time already waited (三天了, 一上午了: a rule
 * question asks 多久, it does not tell how long), the product in front of the customer (这款, 那件),
 * what has been going on (一直, 今天, 刚才), and 我 (the customer's own order, skin, flat). They count only when no sign of staff is there.
 */
const CUSTOMER_HINTS = [
  /[啊呀耶嘛啦呗哈哦]/u,
  /(?:天|周|星期|礼拜|个月|小时|上午|下午|半天|晚上|一会儿?)了|一直|今天|昨天|刚才/u,
  /[这那](?:款|件|套|张|条|双)/u,
  /我|想/u,
];
/**
 * Staff asking what their job is at a point of a procedure (物业管家每天要巡什么, 看铺要带哪些东西,
 * 拜访客户要注意什么): the step or the standard that lists it answers, more than a reply to copy.
 */
const DUTY_QUESTION = /(?:要|应该|该|需要|得)\p{Script=Han}{0,3}(?:什么|哪些|啥)|怎么做/u;
/**
 * Signs of staff asking about their own rule: they speak of the customer in the third person
 * (客户, 顾客) or of themselves as staff (客服, 员工), or ask what they must do within a time (要多久,
 * 几天内, 必须). A customer does not call themselves 客户, and asks when something will happen, not
 * within what time someone must act.
 */
const STAFF_HINTS = [
  /客户|顾客|客人|客服|员工|主管|店长/u,
  /(?:要|必须|应该|需要|规定)(?:在|提前)?(?:多|几|什么时候|最)|(?:多久|几\p{Script=Han}{1,2}|多长时间)(?:之|以)?内/u,
];

/**
 * Whether something is allowed or required, asked with 吗 (试用期辞职要交钱吗, 新客能推卡吗,
 * 打单后可以取消吗): without a customer's markers, a question about a rule.
 */
const MAY_QUESTION = /(?:要|需要|必须|可以|能|得|准|许)\p{Script=Han}{1,6}吗$/u;

/** Marks every occurrence of the words of two characters or more in `run` (longest first, no overlap). */
function markWords(run: string, words: readonly string[], marked: boolean[]): number {
  let hits = 0;
  for (const w of words) {
    if (w.length < 2) continue;
    for (let i = run.indexOf(w); i >= 0; i = run.indexOf(w, i + w.length)) {
      if (marked.slice(i, i + w.length).some(Boolean)) continue;
      for (let k = i; k < i + w.length; k++) marked[k] = true;
      hits++;
    }
  }
  return hits;
}

/**
 * Marks the one-character words of `singles` where the segmenter makes a word of them alone or
 * with marked characters only (要 in 要接 or 我要, not in 需要), except inside the trade words `kept`
 * marks (tradeWordsIn). Without a segmenter: none.
 */
function markSingles(run: string, singles: ReadonlySet<string>, marked: boolean[], kept: readonly boolean[]): void {
  const seg = getSegmenter();
  if (!seg) return;
  for (const s of seg.segment(run)) {
    const range = Array.from({ length: s.segment.length }, (_, k) => s.index + k);
    if (range.some((k) => kept[k])) continue;
    if (range.every((k) => marked[k] || singles.has(run[k]!))) for (const k of range) marked[k] = true;
  }
}

/**
 * Words of the synonym groups that hold a character dropped alone (少件, 缺件 with 件; 早会 with 会;
 * 坏了 with 了): words of the trade, which the segmenter may split (家具少件 → 家具 / 少 / 件). Their
 * characters are never dropped as particles.
 */
const TRADE_WORDS_WITH_DROPPED = [
  ...new Set(
    SYNONYM_GROUPS.flat()
      .map((w) => fold(w))
      .filter((w) => Array.from(w).length === 2 && Array.from(w).some((c) => DROPPED_SINGLE_CHARS.has(c))),
  ),
];
function tradeWordsIn(run: string): boolean[] {
  const kept = new Array<boolean>(run.length).fill(false);
  for (const w of TRADE_WORDS_WITH_DROPPED)
    for (let i = run.indexOf(w); i >= 0; i = run.indexOf(w, i + 1)) kept.fill(true, i, i + w.length);
  return kept;
}

/** Cuts `run` at the marked characters; pieces of one Han character go to `lone` (if given). */
function pieces(run: string, marked: boolean[], lone?: string[]): string[] {
  const out: string[] = [];
  let current = '';
  const flush = () => {
    if (current.length === 1 && isHan(current)) {
      // A numeral alone (三 in 三要三不) is no topic, nor a verb of motion or giving (来, 去, 给).
      if (!NUMERALS.includes(current) && !LONE_VERBS.includes(current)) lone?.push(current);
    } else if (current) out.push(current);
    current = '';
  };
  for (let i = 0; i < run.length; i++) {
    if (marked[i]) flush();
    else current += run[i];
  }
  flush();
  return out;
}

/**
 * A clause that asks something (啥时候能发货, 快递单号在哪填, 就不能少点吗): in a customer's message
 * told in several clauses, it says what they want; the other clauses say what they have (1.8米的床,
 * 两个床头柜, 前天拍的). Its pieces weigh more (query.ts FOCUS_WEIGHT), so the reply to the question
 * comes before one that merely names the same things.
 */
const ASKING_CLAUSE = /什么时候|啥时候|多久|怎么|咋|能不能|能否|可不可以|有没有|是不是|要不要|在哪|哪里|哪儿|为什么|为啥|多少|吗|呢/u;

/**
 * Separable verbs (离合词) that a question about a number splits (换几次班, 请几天假, 加几个小时班,
 * 打几折): the halves alone are dropped as single characters, so the word is put back as a piece.
 * Data, reviewed like the synonyms: words staff ask rules about.
 */
const SEPARABLE_WORDS = ['换班', '请假', '加班', '值班', '排班', '倒班', '上班', '休假', '调休', '打折', '出差', '开会', '培训'];
const SPLIT_WORD = new RegExp(SEPARABLE_WORDS.map((w) => `${w[0]}(?:了|过)?(?:几|多少)\\p{Script=Han}{0,3}?${w[1]}`).join('|'), 'gu');
/**
 * Words a customer splits with an amount when describing damage (掉了一块漆, 磕掉一大块漆, 掉了点
 * 色): put back as a piece, like the separable verbs above.
 */
const AMOUNT_SPLIT_WORDS = ['掉漆', '掉色', '起皮', '脱皮'];
/** 让 before an amount (能让多少, 让几块, 让点) gives way on the price: 让价, not the filler 让 (let). */
const YIELDS_PRICE = /让(?:多少|几|点|个|一点|些)/u;
const AMOUNT_SPLIT = new RegExp(AMOUNT_SPLIT_WORDS.map((w) => `${w[0]}了?一?(?:大|小)?(?:块|点|片|层)${w[1]}`).join('|'), 'gu');

/**
 * The digit groups of a number typed with spaces or dashes (订单号 2836 4410 9921, 139-0571-2468):
 * 7 digits or more together make an order or phone number, dropped as CODE is.
 */
function spacedCodeGroups(raw: string): Set<string> {
  const out = new Set<string>();
  for (const m of fold(raw).matchAll(/\d{2,}(?:[\s-]+\d{2,})+/gu)) {
    const groups = m[0].match(/\d+/gu) ?? [];
    if (groups.join('').length >= 7) groups.forEach((g) => out.add(g));
  }
  return out;
}

/** Reads a query given as its folded runs (already cut to length) and the raw input. */
export function understand(runs: readonly string[], raw: string): UnderstoodQuery {
  const compact = runs.join('');
  let asksSize = false;
  let ruleHits = 0;
  const units: string[] = [];
  const named: string[] = [];
  const out: string[] = [];
  const lone: string[] = [];
  const topic: string[] = [];
  const focus: string[] = [];
  // A customer's message: a clear marker, or a weaker sign with no sign of staff (分到我名下的客户
  // 要多久内联系 is staff asking, 退货寄回去三天了 钱多久能到账啊 a customer).
  const staff = STAFF_HINTS.some((re) => re.test(compact));
  const customer =
    CUSTOMER_MARKS.test(raw) ||
    CUSTOMER_WORDS.some((w) => compact.includes(w)) ||
    (!staff && CUSTOMER_HINTS.some((re) => re.test(compact)));
  const spaced = spacedCodeGroups(raw);
  for (const [r, run] of runs.entries()) {
    const noise = new Array<boolean>(run.length).fill(false);
    markWords(run, NOISE, noise);
    const tradeWords = tradeWordsIn(run);
    markSingles(run, NOISE_SINGLES, noise, tradeWords);
    // Whom the message greets (物业你好, 客服在吗) opens it; it names no topic (the trade words still
    // count: query.ts TRADE_WORDS reads the whole query).
    if (r === 0) {
      const greeted = ADDRESSEE.exec(run);
      if (greeted) noise.fill(true, 0, greeted[1]!.length);
    }
    const marked = [...noise];
    // The question words and the 几 + measure word asked with (几天, 几点): 内 / 前 / 后 after them.
    const asked = new Array<boolean>(run.length).fill(false);
    // Codes and body measurements first (their digits must not become terms).
    for (const m of run.matchAll(CODE)) for (let k = m.index; k < m.index + m[0].length; k++) marked[k] = true;
    for (const m of run.matchAll(/\d+/gu)) if (spaced.has(m[0])) marked.fill(true, m.index, m.index + m[0].length);
    for (const m of run.matchAll(DIMENSION)) for (let k = m.index; k < m.index + m[0].length; k++) marked[k] = true;
    if (/^\d+$/.test(run) && runs[r + 1]?.search(DIMENSION) === 0) marked.fill(true);
    for (const re of [BODY_MEASURE, SIZE_LETTER_IN_HAN]) {
      for (const m of run.matchAll(re)) {
        asksSize = true;
        for (let k = m.index; k < m.index + m[0].length; k++) marked[k] = true;
      }
    }
    ruleHits += markWords(run, RULE, new Array<boolean>(run.length).fill(false)) + [...run].filter((c) => RULE.includes(c)).length;
    // 几 with the measure word after it (几声, 几天, 几号) is one question word; it and 多少 name
    // the unit asked for (几声 → 声, 多少度 → 度), other question words theirs (多久).
    const unitAt = (k: number) => LONG_UNITS.find((u) => run.startsWith(u, k)) ?? (isHan(run[k] ?? '') ? run[k]! : undefined);
    for (let i = run.indexOf('几'); i >= 0; i = run.indexOf('几', i + 1)) {
      marked[i] = asked[i] = true;
      // 个 counts whatever follows (几个人 → 人, 几个小时 → 小时).
      const unit = run[i + 1] === '个' && unitAt(i + 2) ? '个' + unitAt(i + 2)! : unitAt(i + 1);
      if (unit?.startsWith('个') && unit.length > 1) {
        for (let k = i + 1; k <= i + unit.length; k++) marked[k] = asked[k] = true;
        units.push(unit.slice(1));
        named.push(unit.slice(1));
      } else if (unit) {
        for (let k = i + 1; k <= i + unit.length; k++) marked[k] = asked[k] = true;
        units.push(unit);
        named.push(unit);
      }
    }
    for (let i = run.indexOf('多少'); i >= 0; i = run.indexOf('多少', i + 1)) {
      const unit = unitAt(i + 2);
      if (unit) {
        units.push(unit);
        named.push(unit);
      }
    }
    for (const [word, list] of Object.entries(QUESTION_UNITS)) if (run.includes(word)) units.push(...list);
    markWords(run, DROPPED, marked);
    markSingles(run, DROPPED_SINGLES, marked, tradeWords);
    // 内 / 前 / 后 right after a question (几天内, 几号前, 多久后) say "within", "before", "after": no topic.
    // Only after a question word (就后悔了: 后悔 is the topic).
    markWords(run, QUESTION, asked);
    for (let k = 1; k < run.length; k++) if ('内前后'.includes(run[k]!) && asked[k - 1]) marked[k] = true;
    // A piece left with only a pronoun and a negation (我不 of 我不想要了, the rest dropped) names nothing.
    out.push(...pieces(run, marked, lone).filter((p) => !Array.from(p).every((c) => NOISE_SINGLES.has(c) || NEGATIONS.includes(c))));
    // Words put back whole (换几次班 → 换班, 能让多少 → 让价, 掉了一块漆 → 掉漆): pieces, and part of
    // the topic text so that their synonyms come too.
    const whole = [
      ...[...run.matchAll(SPLIT_WORD)].map((m) => SEPARABLE_WORDS.find((w) => m[0].startsWith(w[0]!) && m[0].endsWith(w[1]!))!),
      ...(YIELDS_PRICE.test(run) ? ['让价'] : []),
      ...[...run.matchAll(AMOUNT_SPLIT)].map((m) => AMOUNT_SPLIT_WORDS.find((w) => m[0].startsWith(w[0]!) && m[0].endsWith(w[1]!))!),
    ];
    out.push(...whole);
    topic.push(pieces(run, noise).join(''), ...whole.map((w) => ` ${w}`));
  }
  // A lone number (158) beside a body measurement is a height: drop it too.
  const kept = asksSize ? out.filter((p) => !/^\d+(?:\.\d+)?$/.test(p)) : out;
  if (asksSize) kept.push(SIZE_WORD);
  const topicText = topic.join('');
  const contentChars = kept.join('').length;
  const intent: QueryIntent =
    (ruleHits > 0 || MAY_QUESTION.test(compact)) && !customer
      ? 'rule'
      : !customer && DUTY_QUESTION.test(compact)
        ? 'duty'
        : customer || contentChars > 8 || CLAUSES.test(raw)
          ? 'situation'
          : 'topic';
  const asked = intent === 'rule' ? [...new Set(units)].filter((u) => !NOT_UNITS.includes(u)) : [];
  const namedUnits = asked.filter((u) => named.includes(u));
  const lonely = [...new Set(lone)];
  if (!kept.length) return { pieces: [...runs], lone: [], topicText: compact, intent, asksSize: false, units: asked, namedUnits };
  // Only a situation told in several clauses (cut at spaces, punctuation and emoji, as typed), with
  // something asked and something else told.
  if (intent === 'situation') {
    const asking = fold(raw)
      .split(/[\s\p{P}\p{S}\p{Extended_Pictographic}]+/u)
      .filter((c) => ASKING_CLAUSE.test(c));
    focus.push(...kept.filter((p) => asking.some((c) => c.includes(p))));
  }
  const focused = focus.length > 0 && kept.some((p) => !focus.includes(p)) ? { focus } : {};
  return { pieces: kept, lone: lonely, topicText: topicText || compact, intent, asksSize, units: asked, namedUnits, ...focused };
}
