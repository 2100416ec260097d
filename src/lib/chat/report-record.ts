/**
 * The "chatReports" record on the device (src/components/state/device-store.ts; docs/data-shapes.md
 * has the same table): one finished chat, saved once when it ends. Its `replies` are exactly a
 * replies file's (replies-file.ts), and `report` is scorePlay's result for them.
 */
import type { AgentReply } from './player.ts';
import type { ChatReport } from './score.ts';

export type ChatMode = 'practice' | 'exam';
/** Why the chat ended: the engine reached an ending, the customer left after a long silence, the trainee pressed 结束对话. */
export type EndReason = 'ending' | 'customer-left' | 'trainee';

/** What the "chatReports" store holds (docs/data-shapes.md). */
export interface ChatReportRecord {
  /** Record key: "<scenario id>-<start time in base 36>". */
  id: string;
  /** When the record was saved (ISO 8601). */
  updatedAt: string;
  format: 'sop-chat-report';
  formatVersion: 1;
  scenario: string;
  scenarioVersion: number;
  /** Content fingerprint of the scenario the chat was played on (src/lib/training/grading.ts scenarioHash). */
  scenarioHash?: string;
  mode: ChatMode;
  startedAt: string;
  finishedAt: string;
  endedBy: EndReason;
  /** How many times the hint was opened (practice mode; always 0 in exam mode). */
  hintsUsed: number;
  /** The agent's messages exactly as the engine got them: the replies file's `replies`. */
  replies: AgentReply[];
  /** The engine's report (scorePlay), as plain JSON. */
  report: ChatReport;
}
