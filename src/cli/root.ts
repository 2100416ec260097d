/** The project root: SOP_ROOT when set (tests point it at fixtures), else two levels above this file. */
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

export function projectRoot(): string {
  return process.env.SOP_ROOT ? resolve(process.env.SOP_ROOT) : resolve(fileURLToPath(new URL('../..', import.meta.url)));
}
