/**
 * Small pure helpers for showing a chat and its report: clock times, turn numbers, which reply
 * each agent line of the transcript was, the turns visited with their customer lines.
 */
import type { Scenario, Turn } from '../../schemas/scenario.ts';
import type { AgentReply } from '../../lib/chat/player.ts';
import type { ChatReport, TranscriptEntry } from '../../lib/chat/score.ts';

/** Local wall-clock time HH:MM:SS. */
export function clockTime(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Whole seconds shown by the reply timer (counts up: 0, 1, 2 …). */
export function timerSeconds(ms: number): number {
  return Math.floor(Math.max(0, ms) / 1000);
}

/** Turn id → 1-based number, in the order the turns first appear in the transcript. */
export function turnNumbers(transcript: readonly TranscriptEntry[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of transcript) if (!out.has(e.turn)) out.set(e.turn, out.size + 1);
  return out;
}

/**
 * The reply (from the replies list) behind each agent entry of the transcript: the engine puts
 * agent messages in the transcript in reply order and only ignores replies after the chat ended.
 */
export function repliesOfTranscript(transcript: readonly TranscriptEntry[], replies: readonly AgentReply[]): Map<number, AgentReply> {
  const out = new Map<number, AgentReply>();
  let k = 0;
  transcript.forEach((e, i) => {
    if (e.from !== 'agent') return;
    const r = replies[k++];
    if (r) out.set(i, r);
  });
  return out;
}

export interface VisitedTurn {
  turn: Turn;
  number: number;
  /** What the customer said in this turn (the opening for the first one). */
  customer: string[];
}

/** The turns the chat went through, in order, with what the customer said in each. */
export function visitedTurns(scenario: Scenario, report: Pick<ChatReport, 'transcript'>): VisitedTurn[] {
  const turns = new Map(scenario.turns.map((t) => [t.id, t]));
  const numbers = turnNumbers(report.transcript);
  return [...numbers].flatMap(([id, number]) => {
    const turn = turns.get(id);
    if (!turn) return [];
    const customer = report.transcript.filter((e) => e.turn === id && e.from === 'customer').map((e) => e.text);
    return [{ turn, number, customer }];
  });
}

/** The id after `#` in a link such as /scripts/#bargain-general. */
export function hashId(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  const i = url.indexOf('#');
  return i >= 0 ? decodeURIComponent(url.slice(i + 1)) : undefined;
}
