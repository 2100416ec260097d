/**
 * Chinese numerals → numbers, for typed-in numeric answers (十五, 两百, 一千零五, 三百五, 一万五,
 * 二〇二四, 一点五, 负三). Pure string work; see numeric.ts for the whole answer (units, full-width
 * digits, spaces).
 *
 * Supported:
 * - digits 零〇一二两三四五六七八九 (also 兩 and the financial forms 壹贰叁肆伍陆柒捌玖);
 * - units 十百千 (拾佰仟), and 万/萬, 亿/億 for large numbers; runs of Arabic digits may stand for a
 *   digit ("3千", "1万5千");
 * - 十 at the start means 一十 (十五 = 15); 零 marks a gap (一千零五 = 1005);
 * - the spoken short form: a last digit right after a unit counts one unit lower
 *   (三百五 = 350, 一万五 = 15000, 两千三 = 2300);
 * - digit-by-digit numbers (二〇二四 = 2024, 一五 = 15);
 * - a decimal part after 点 (一点五 = 1.5), a leading 负 or "-" for negatives.
 * Anything else (units out of order such as 五十三百, two digits in a row next to units, stray
 * characters) gives undefined rather than a guess.
 */

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  壹: 1,
  二: 2,
  贰: 2,
  貳: 2,
  两: 2,
  兩: 2,
  三: 3,
  叁: 3,
  參: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  陸: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
};
const SMALL_UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 };

type Token = { kind: 'digit'; value: number; zero: boolean } | { kind: 'small'; value: number } | { kind: 'big'; value: number };

function tokenize(text: string): Token[] | undefined {
  const tokens: Token[] = [];
  for (let i = 0; i < text.length;) {
    const arabic = /^\d+/.exec(text.slice(i));
    if (arabic) {
      tokens.push({ kind: 'digit', value: Number(arabic[0]), zero: Number(arabic[0]) === 0 });
      i += arabic[0].length;
      continue;
    }
    const ch = text[i] as string;
    if (ch in DIGITS) tokens.push({ kind: 'digit', value: DIGITS[ch] as number, zero: DIGITS[ch] === 0 });
    else if (ch in SMALL_UNITS) tokens.push({ kind: 'small', value: SMALL_UNITS[ch] as number });
    else if (ch in BIG_UNITS) tokens.push({ kind: 'big', value: BIG_UNITS[ch] as number });
    else return undefined;
    i += 1;
  }
  return tokens;
}

/** Reads digit tokens one by one: 二〇二四 → 2024. */
function positional(tokens: Token[]): number | undefined {
  if (!tokens.every((t) => t.kind === 'digit' && t.value <= 9)) return undefined;
  return Number(tokens.map((t) => t.value).join(''));
}

/** An integer written with units (十百千万亿), or undefined when the units do not make sense. */
function withUnits(tokens: Token[]): number | undefined {
  let total = 0; // finished 亿/万 groups
  let section = 0; // the current group below 万
  let digit: number | undefined; // a digit waiting for its unit
  let lastSmall = Infinity; // units inside a group must fall: 千 > 百 > 十
  let lastBig = Infinity; // and the groups too: 亿 > 万
  let lastUnit: number | undefined; // the most recent unit, for the short form 三百五
  let zeroSinceUnit = false; // 一千零五: the 零 keeps 五 a plain digit

  for (const token of tokens) {
    if (token.kind === 'digit') {
      if (digit !== undefined) return undefined; // 二三十, 五零
      if (token.zero) zeroSinceUnit = true;
      else digit = token.value;
    } else if (token.kind === 'small') {
      if (token.value >= lastSmall) return undefined; // 五十三百
      if (digit === undefined && token.value !== 10) return undefined; // 百 without its digit
      section += (digit ?? 1) * token.value; // a bare 十 is 一十
      lastSmall = lastUnit = token.value;
      digit = undefined;
      zeroSinceUnit = false;
    } else {
      if (token.value >= lastBig) return undefined; // 万亿
      const group = section + (digit ?? 0);
      if (group === 0) return undefined; // 万 alone
      total += group * token.value;
      section = 0;
      lastSmall = Infinity;
      lastBig = lastUnit = token.value;
      digit = undefined;
      zeroSinceUnit = false;
    }
  }
  if (digit === undefined) return total + section;
  const shortForm = !zeroSinceUnit && lastUnit !== undefined && lastUnit >= 100;
  return total + section + (shortForm ? digit * ((lastUnit as number) / 10) : digit);
}

function integerPart(text: string): number | undefined {
  const tokens = tokenize(text);
  if (!tokens || tokens.length === 0) return undefined;
  if (tokens.length > 1 && tokens.every((t) => t.kind === 'digit')) return positional(tokens);
  return withUnits(tokens);
}

/** The number written in `text` (Chinese numerals, optionally mixed with Arabic digits), or undefined. */
export function parseChineseNumber(text: string): number | undefined {
  let rest = text.trim();
  let sign = 1;
  if (rest.startsWith('负') || rest.startsWith('-')) {
    sign = -1;
    rest = rest.slice(1);
  }
  const [whole, fraction, ...extra] = rest.split('点');
  if (extra.length || whole === undefined) return undefined;
  const int = integerPart(whole);
  if (int === undefined) return undefined;
  if (fraction === undefined) return sign * int;
  const tokens = tokenize(fraction);
  if (!tokens?.length || !tokens.every((t) => t.kind === 'digit' && t.value <= 9)) return undefined;
  return sign * Number(`${int}.${tokens.map((t) => t.value).join('')}`);
}
