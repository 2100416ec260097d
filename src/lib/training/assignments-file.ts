/**
 * The trainer's assignments as a file, to move them to a second device (the dashboard counts only
 * the assignments built or imported on its device): `{ "format": "sop-trainer-assignments",
 * "formatVersion": 1, "exportedAt", "codes": ["1.<payload>.<crc>", …] }`. The codes are the links'
 * own codes, so importing re-checks each one exactly as opening the link would. A code that does
 * not decode gets its own message; the others are still taken.
 */
import type { Assignment } from './assignment.ts';
import { decodeAssignment, MAX_CODE_CHARS } from './assignment.ts';
import { readJsonFile } from '../text/read-json.ts';

export const ASSIGNMENTS_FORMAT = 'sop-trainer-assignments';
/** At most this many assignments in one file (a company's trainer keeps far fewer). */
export const MAX_ASSIGNMENTS = 2000;

export function assignmentsFileText(codes: readonly string[], now: Date): string {
  return `${JSON.stringify({ format: ASSIGNMENTS_FORMAT, formatVersion: 1, exportedAt: now.toISOString(), codes }, null, 2)}\n`;
}

export interface ReadAssignments {
  assignments: Array<{ code: string; assignment: Assignment }>;
  problems: string[];
}

/** Reads an assignments file: every good code, and a message per problem (never throws). */
export function readAssignmentsFile(text: string): ReadAssignments {
  const read = readJsonFile(text);
  if (!read.ok) return { assignments: [], problems: [`不是有效的任务文件（JSON 无法读取${read.truncated ? '，文件可能不完整' : ''}）`] };
  const raw = read.value as { format?: unknown; codes?: unknown } | null;
  if (!raw || typeof raw !== 'object' || raw.format !== ASSIGNMENTS_FORMAT || !Array.isArray(raw.codes))
    return { assignments: [], problems: [`不是培训任务文件：应有 "format": "${ASSIGNMENTS_FORMAT}" 和 "codes" 列表`] };
  if (raw.codes.length > MAX_ASSIGNMENTS)
    return { assignments: [], problems: [`任务太多（${raw.codes.length} 个，最多 ${MAX_ASSIGNMENTS}）`] };
  const out: ReadAssignments = { assignments: [], problems: [] };
  raw.codes.forEach((code, i) => {
    if (typeof code !== 'string' || code.length > MAX_CODE_CHARS) {
      out.problems.push(`第 ${i + 1} 个任务不是有效的任务代码`);
      return;
    }
    const d = decodeAssignment(code);
    if (d.ok) out.assignments.push({ code: d.code, assignment: d.assignment });
    else out.problems.push(`第 ${i + 1} 个任务：${d.message}`);
  });
  return out;
}
