/**
 * The trainer's small settings in the device store's "meta" store (one record per key), shared by
 * the builder (/trainer/assign/) and the dashboard (/trainer/dashboard/):
 *
 *   { id: "trainer-lrs", endpoint, auth }              the dashboard's LRS and READ credential (this device only)
 *   { id: "trainer-lrs-cache", statements, latest }    statements read from the LRS, latest `stored` per assignment
 *   { id: "trainer-archive", ids: [assignment id…] }   archived assignments (hidden from the roster and the sync)
 *   { id: "trainer-history", codes: { <id>: [earlier link code…] } }
 *                                                       earlier links of an assignment whose due date or
 *                                                       names were changed (same id): files made with an
 *                                                       earlier link are the trainer's own, not edited links
 */
import { decodeAssignment, type Assignment } from '../../lib/training/assignment.ts';
import type { StoredImport } from '../../lib/training/regrade.ts';
import type { DeviceStore } from '../state/device-store.ts';

export const LRS_META = 'trainer-lrs';
export const LRS_CACHE_META = 'trainer-lrs-cache';
export const ARCHIVE_META = 'trainer-archive';
export const HISTORY_META = 'trainer-history';

export type CodeHistory = Record<string, string[]>;

/** Archives (or brings back) assignment `id`: saves the new list of archived ids and returns it. */
export async function saveArchived(store: DeviceStore, current: readonly string[], id: string, archived: boolean): Promise<string[]> {
  const ids = archived ? [...new Set([...current, id])] : current.filter((x) => x !== id);
  await store.put('meta', { id: ARCHIVE_META, ids });
  return ids;
}

/**
 * An import made with an earlier link of an assignment the trainer changed (due date, names) is
 * graded against the current link: same id, the trainer's own earlier code. Anything else is
 * returned unchanged (and an edited link is still flagged by the re-grade).
 */
export function withCurrentLink(
  imp: StoredImport,
  current: ReadonlyMap<string, { assignment: Assignment; code: string }>,
  history: CodeHistory,
): StoredImport {
  const code = imp.file.assignment.code;
  const decoded = decodeAssignment(code);
  if (!decoded.ok) return imp;
  const now = current.get(decoded.assignment.id);
  if (!now || now.code === code || !(history[decoded.assignment.id] ?? []).includes(decoded.code)) return imp;
  const copy = imp.file.assignment;
  // Only the due date and the names change when the trainer edits; the readable copy follows.
  const same =
    copy.id === decoded.assignment.id &&
    copy.group === decoded.assignment.group &&
    copy.due === decoded.assignment.due &&
    copy.passMark === decoded.assignment.passMark;
  if (!same) return imp;
  return {
    ...imp,
    file: { ...imp.file, assignment: { ...copy, code: now.code, due: now.assignment.due } },
  };
}
