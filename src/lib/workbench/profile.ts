/**
 * 我的店铺: the shop profile kept on the device (placeholder values, pinned replies, how often each
 * reply was copied), its file format and its parser. The file is a small flat JSON object from
 * placeholder name to value, e.g. { "店名": "小米官方旗舰店", "客服名": "小美" }, so a supervisor
 * writes it once for the team; two optional keys carry the device's favourites:
 * "$收藏" (list of reply keys) and "$常用" (reply key → times copied). The CLI's --profile reads
 * the same file and ignores those two.
 */

/** Longest value accepted for one placeholder. */
export const MAX_VALUE_LENGTH = 200;
/** Largest profile file accepted (bytes of text). */
export const MAX_PROFILE_CHARS = 64 * 1024;
/** Most pinned replies and most counted replies kept. */
export const MAX_PINNED = 200;
export const MAX_COUNTED = 500;
/** The reserved keys of the file for favourites. */
export const PINNED_KEY = '$收藏';
export const COPIES_KEY = '$常用';

/** A reply's key: `<script id>` for its reply, `<script id>#<n>` for its n-th variant (1-based). */
export type ReplyKey = string;

export interface ShopProfile {
  /** Placeholder name → value. */
  values: Record<string, string>;
  /** Pinned replies, most recently pinned first. */
  pinned: ReplyKey[];
  /** Times each reply was copied on this device. */
  copies: Record<ReplyKey, number>;
}

export const emptyProfile = (): ShopProfile => ({ values: {}, pinned: [], copies: {} });

export type ProfileParse = { ok: true; profile: ShopProfile } | { ok: false; message: string };

const KEY_PATTERN = /^[a-z0-9-]{1,80}(?:#\d{1,3})?$/;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (s: string) => (s.length > 20 ? `${s.slice(0, 20)}…` : s);

/**
 * Parses a profile file. `names` are the placeholder names allowed as keys. Any problem rejects
 * the whole file with one message in Chinese naming the key and what is wrong (nothing changes).
 */
export function parseProfile(text: string, names: readonly string[], options: { favourites?: boolean } = {}): ProfileParse {
  const favourites = options.favourites ?? true;
  if (text.length > MAX_PROFILE_CHARS) return { ok: false, message: `文件太大（超过 ${MAX_PROFILE_CHARS / 1024} KB），不像是店铺资料文件` };
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false, message: '不是有效的 JSON 文件：应为 { "店名": "……", "客服名": "……" } 这样的内容' };
  }
  if (!isRecord(data)) return { ok: false, message: '文件内容应是一个 JSON 对象：{ "店名": "……" }' };
  const allowed = new Set(names);
  const profile = emptyProfile();
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(data)) {
    if (key === PINNED_KEY || key === COPIES_KEY) {
      if (!favourites) continue;
      const problem = key === PINNED_KEY ? readPinned(value, profile) : readCopies(value, profile);
      if (problem) return { ok: false, message: problem };
      continue;
    }
    if (!allowed.has(key)) {
      unknown.push(key);
      continue;
    }
    if (typeof value !== 'string') return { ok: false, message: `“${show(key)}” 的值应是文字（用双引号括起来）` };
    if (value.length > MAX_VALUE_LENGTH) {
      return { ok: false, message: `“${show(key)}” 的值有 ${value.length} 个字符，超过 ${MAX_VALUE_LENGTH} 个字符的上限` };
    }
    if (value.trim()) profile.values[key] = value.trim();
  }
  if (unknown.length) {
    return {
      ok: false,
      message: `不认识的项：${unknown.slice(0, 5).map(show).join('、')}${unknown.length > 5 ? ` 等 ${unknown.length} 项` : ''}（可用的有：${names.join('、')}）`,
    };
  }
  return { ok: true, profile };
}

function readPinned(value: unknown, profile: ShopProfile): string | undefined {
  if (!Array.isArray(value) || value.length > MAX_PINNED || !value.every((k) => typeof k === 'string' && KEY_PATTERN.test(k))) {
    return `“${PINNED_KEY}” 应是话术编号的列表（最多 ${MAX_PINNED} 条）`;
  }
  profile.pinned = [...new Set(value as string[])];
  return undefined;
}

function readCopies(value: unknown, profile: ShopProfile): string | undefined {
  if (!isRecord(value) || Object.keys(value).length > MAX_COUNTED)
    return `“${COPIES_KEY}” 应是 { 话术编号: 次数 } 的对象（最多 ${MAX_COUNTED} 项）`;
  for (const [k, n] of Object.entries(value)) {
    if (!KEY_PATTERN.test(k) || typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 1e6) {
      return `“${COPIES_KEY}” 中 “${show(k)}” 的次数应是 0 到 1000000 的整数`;
    }
    if (n > 0) profile.copies[k] = n;
  }
  return undefined;
}

/** The profile as the file: values in `names` order, then favourites when there are any. */
export function serializeProfile(profile: ShopProfile, names: readonly string[]): string {
  const out: Record<string, unknown> = {};
  for (const name of names) if (profile.values[name]) out[name] = profile.values[name];
  if (profile.pinned.length) out[PINNED_KEY] = profile.pinned;
  if (Object.keys(profile.copies).length) out[COPIES_KEY] = profile.copies;
  return JSON.stringify(out, null, 2) + '\n';
}

/** Pins or unpins a reply (pinned ones go first, newest first). */
export function togglePinned(profile: ShopProfile, key: ReplyKey): ShopProfile {
  const pinned = profile.pinned.includes(key) ? profile.pinned.filter((k) => k !== key) : [key, ...profile.pinned].slice(0, MAX_PINNED);
  return { ...profile, pinned };
}

/** Counts one copy of a reply (keeps the MAX_COUNTED most copied). */
export function countCopy(profile: ShopProfile, key: ReplyKey): ShopProfile {
  const copies = { ...profile.copies, [key]: (profile.copies[key] ?? 0) + 1 };
  const entries = Object.entries(copies);
  if (entries.length > MAX_COUNTED) {
    entries.sort((a, b) => b[1] - a[1]);
    return { ...profile, copies: Object.fromEntries(entries.slice(0, MAX_COUNTED)) };
  }
  return { ...profile, copies };
}

/** Pinned replies first (pin order), then the most copied (most first, ties by key), each once. */
export function favouriteKeys(profile: ShopProfile, limit = 10): ReplyKey[] {
  const most = Object.entries(profile.copies)
    .filter(([k]) => !profile.pinned.includes(k))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([k]) => k);
  return [...profile.pinned, ...most].slice(0, limit);
}

/**
 * The profile kept on the device (the JSON of the file, under `key` in a key-value storage).
 * A damaged record reads as empty rather than breaking a page.
 */
export function readStoredProfile(raw: string | null | undefined, names?: readonly string[]): ShopProfile {
  if (!raw) return emptyProfile();
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return emptyProfile();
  }
  if (!isRecord(data)) return emptyProfile();
  const keys = names ?? Object.keys(data).filter((k) => k !== PINNED_KEY && k !== COPIES_KEY);
  const parsed = parseProfile(raw, keys);
  if (parsed.ok) return parsed.profile;
  // Keep what is readable: values that are strings, favourites that parse.
  const profile = emptyProfile();
  for (const k of keys) {
    const v = data[k];
    if (typeof v === 'string' && v.length <= MAX_VALUE_LENGTH && v.trim()) profile.values[k] = v.trim();
  }
  if (readPinned(data[PINNED_KEY] ?? [], profile)) profile.pinned = [];
  if (readCopies(data[COPIES_KEY] ?? {}, profile)) profile.copies = {};
  return profile;
}

/** The localStorage key of the profile on the device. */
export const PROFILE_STORAGE_KEY = 'sop-shop-profile';
