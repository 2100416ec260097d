/** Node (index build, CLI, tests) installs the homophone table at once (the browser loads it lazily). */
import { LOOKALIKES, PINYIN_SYLLABLES } from './pinyin-table.ts';
import { setHomophones } from './homophones.ts';

export function installHomophones(): void {
  setHomophones(PINYIN_SYLLABLES, LOOKALIKES);
}
