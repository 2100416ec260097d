/**
 * What the search island asks of the workbench (one object, injected into SearchState): fill a
 * reply from 我的店铺 before copying, count the copy, the pinned and most-copied replies to show
 * with an empty query, pins, and the Traditional copy (converter loaded on first use).
 */
import { ui } from '../../i18n/zh-CN/workbench.ts';
import { bracketed } from '../../lib/workbench/fill.ts';
import { favouriteKeys, togglePinned } from '../../lib/workbench/profile.ts';
import { fillFromDevice, loadProfile, recordCopy, saveProfile } from './device-profile.ts';

export interface SearchWorkbench {
  /** The text to copy (filled, and in Traditional when asked) and the warning when placeholders stay unfilled. */
  prepareCopy(text: string, traditional?: boolean): Promise<{ text: string; warning?: string }>;
  /** Counts a copy of this script's reply. */
  copied(scriptId: string): void;
  /** Script ids to show first with an empty query: pinned, then most copied. */
  favouriteIds(limit?: number): string[];
  isPinned(scriptId: string): boolean;
  togglePin(scriptId: string): void;
}

export function searchWorkbench(): SearchWorkbench {
  return {
    async prepareCopy(text, traditional = false) {
      const filled = fillFromDevice(text);
      let out = filled.text;
      if (traditional) out = (await import('../../lib/workbench/traditional.ts')).toTraditional(out);
      return filled.unfilledCount
        ? { text: out, warning: ui.workbench.unfilled(filled.unfilledCount, bracketed(filled.unfilled)) }
        : { text: out };
    },
    copied: (id) => recordCopy(id),
    favouriteIds: (limit = 8) => [...new Set(favouriteKeys(loadProfile(), limit * 2).map((k) => k.split('#')[0] ?? k))].slice(0, limit),
    isPinned: (id) => loadProfile().pinned.includes(id),
    togglePin: (id) => saveProfile(togglePinned(loadProfile(), id)),
  };
}
