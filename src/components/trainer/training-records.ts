/**
 * The training record formats live in src/lib/training/device-records.ts. This re-export remains
 * only for AssignmentCard.svelte's type import; new code imports from src/lib/training/.
 */
export type { AssignmentRecord } from '../../lib/training/device-records.ts';
