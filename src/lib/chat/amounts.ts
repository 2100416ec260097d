/**
 * Reading amounts of money out of an agent's message, for the discount-authority check.
 * Recognised (after normalisation, in one clause): 30元 / 30块 / 30块钱 / ¥30, 便宜30 / 减二十 /
 * 少收50 / 优惠30 / 让20 / 降价30 / 返现20, and 打8折 / 8折 / 85折 / 八五折 (turned into yuan with
 * the product price when the scenario gives one). Chinese numerals up to 万 are understood
 * (二十, 三十五, 一百五 = 150). Pure and total: never throws.
 */

const DIGITS: Readonly<Record<string, number>> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000, 万: 10000 };

/** A number written with Arabic digits or Chinese numerals; undefined when it is not one. */
export function parseNumber(raw: string): number | undefined {
  if (/^\d+(?:\.\d+)?$/.test(raw)) return Number(raw);
  if (!/^[零〇一二两三四五六七八九十百千万]+$/.test(raw)) return undefined;
  if (!/[十百千万]/.test(raw)) {
    // Digit by digit, as in 八五折 (85).
    return Number([...raw].map((c) => DIGITS[c]).join(''));
  }
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  let lastUnit = 0;
  for (const ch of raw) {
    const d = DIGITS[ch];
    if (d !== undefined) {
      digit = d;
      continue;
    }
    const unit = UNITS[ch] ?? 1;
    if (unit === 10000) {
      total += (section + (digit ?? 0)) * 10000;
      section = 0;
    } else {
      section += (digit ?? (unit === 10 ? 1 : 0)) * unit;
    }
    lastUnit = unit;
    digit = undefined;
  }
  // Colloquial trailing digit: 一百五 = 150, 两千三 = 2300.
  if (digit !== undefined) section += lastUnit >= 100 ? (digit * lastUnit) / 10 : digit;
  return total + section;
}

export interface Amount {
  /** Discount in yuan, when it can be told. */
  yuan?: number;
  /** For 打X折: the X (8 for 八折, 8.5 for 85折). */
  zhe?: number;
  /** The words the amount was read from (compact text). */
  text: string;
  /** Position of `text` inside the clause. */
  index: number;
}

// Bounded lengths keep every pattern linear on hostile input (10,000 digits in a row).
const NUM = '(\\d{1,12}(?:\\.\\d{1,4})?|[零〇一二两三四五六七八九十百千万]{1,12})';
const ZHE = new RegExp(`(?:打)?${NUM}折`, 'g');
const YUAN = new RegExp(`${NUM}(?:元|块钱|块|rmb)|[¥￥]${NUM}`, 'g');
const VERB = new RegExp(
  `(?:便宜|减|少收|少|优惠|让|降价|降|返现|返|抹)(?:了|个|给|您|你|点|上|掉)*${NUM}(?![折%\\d天件个号次期日月年分秒位条份])`,
  'g',
);

const PRICE_BEFORE = /(?:价|价格是|价是|只要|只需|仅需|仅|共|满|费|才|花了|付了|付)$/;

/**
 * Amounts in one clause (compact form). `price` (yuan) converts 折 into yuan:
 * 打8折 on 299 元 is a discount of 59.8 元.
 */
export function findAmounts(clause: string, price?: number): Amount[] {
  const out: Amount[] = [];
  for (const m of clause.matchAll(ZHE)) {
    let x = parseNumber(m[1] ?? '');
    if (x === undefined || x <= 0) continue;
    if (x >= 10 && x < 100) x = x / 10; // 85折 → 8.5
    if (x >= 10) continue;
    const yuan = price !== undefined && Number.isFinite(price) ? Math.round(price * (1 - x / 10) * 100) / 100 : undefined;
    out.push({ zhe: x, ...(yuan !== undefined ? { yuan } : {}), text: m[0], index: m.index });
  }
  const verbs = [...clause.matchAll(VERB)];
  for (const re of [YUAN, VERB]) {
    for (const m of re === VERB ? verbs : clause.matchAll(re)) {
      // 原价299元, 只要279元, 满299减20, 运费10元: prices and thresholds, not discounts.
      if (re === YUAN && PRICE_BEFORE.test(clause.slice(Math.max(0, m.index - 3), m.index))) continue;
      let value = parseNumber(m[1] ?? m[2] ?? '');
      if (value === undefined || !Number.isFinite(value)) continue;
      if (re === YUAN && !verbs.some((v) => v.index <= m.index && m.index < v.index + v[0].length + 1)) {
        // An amount near the product's price with no discount word before it is a price: 169元给您改价
        // on a 189 元 pot is 20 元 off, and 189元是统一价 is none.
        const asPrice = priceCut(value, price);
        if (asPrice === 0) continue;
        if (asPrice !== undefined) value = asPrice;
      }
      out.push({ yuan: value, text: m[0], index: m.index });
    }
  }
  return out;
}

/** The cut a stated price makes (price − amount) when the amount is at least half the price; else undefined. */
function priceCut(amount: number, price: number | undefined): number | undefined {
  if (price === undefined || !Number.isFinite(price) || price <= 0) return undefined;
  if (amount < price / 2 || amount > price) return undefined;
  return Math.round((price - amount) * 100) / 100;
}
