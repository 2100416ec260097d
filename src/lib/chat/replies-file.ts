/**
 * Replies files: `{ "replies": [ { "text": "…", "afterMs": 8000 } ] }`, the agent's side of a chat
 * (used by `sop score-chat` and the calibration set). Parsing is pure and reports every problem
 * with the field it is about, in Chinese; the engine itself never needs this (it accepts anything).
 */
import { readJsonFile } from '../text/read-json.ts';
import type { AgentReply } from './player.ts';

export interface RepliesProblem {
  /** Field path, e.g. replies[2].afterMs; empty for the whole file. */
  field: string;
  message: string;
}

export type ParsedReplies = { ok: true; replies: AgentReply[] } | { ok: false; problems: RepliesProblem[] };

const SHAPE = '应是 { "replies": [ { "text": "…", "afterMs": 8000 } ] }';

export function parseRepliesFile(text: string): ParsedReplies {
  const read = readJsonFile(text);
  if (!read.ok) return { ok: false, problems: [{ field: '', message: `不是合法的 JSON：${read.detail}` }] };
  const value = read.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, problems: [{ field: '', message: `文件${SHAPE}` }] };
  }
  const list = (value as { replies?: unknown }).replies;
  if (!Array.isArray(list)) {
    return { ok: false, problems: [{ field: 'replies', message: `缺少 replies 列表：文件${SHAPE}` }] };
  }
  const problems: RepliesProblem[] = [];
  const replies: AgentReply[] = [];
  list.forEach((item, i) => {
    const field = `replies[${i}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      problems.push({ field, message: '应是 { "text": "…", "afterMs": 毫秒数 }' });
      return;
    }
    const { text: t, afterMs } = item as { text?: unknown; afterMs?: unknown };
    if (typeof t !== 'string')
      problems.push({ field: `${field}.text`, message: t === undefined ? '缺少 text（客服发出的文字）' : 'text 应是字符串' });
    if (typeof afterMs !== 'number' || !Number.isFinite(afterMs) || afterMs < 0) {
      problems.push({
        field: `${field}.afterMs`,
        message:
          afterMs === undefined
            ? '缺少 afterMs（距上一条消息的毫秒数）'
            : `afterMs 应是不小于 0 的数字（毫秒），现在是 ${JSON.stringify(afterMs)}`,
      });
    }
    if (typeof t === 'string' && typeof afterMs === 'number') replies.push({ text: t, afterMs });
  });
  return problems.length ? { ok: false, problems } : { ok: true, replies };
}
