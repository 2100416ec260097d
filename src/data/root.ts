/** Where the content lives: SOP_ROOT (tests build broken fixture sites with it) or the project root. */
import { resolve } from 'node:path';

export function contentRoot(): string {
  return resolve(process.env.SOP_ROOT ?? process.cwd());
}
