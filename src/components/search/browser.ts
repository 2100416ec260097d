/** Browser helpers the search island injects into its state: storage, clipboard, navigation. */
import type { KeyValueStorage } from '../../lib/search/recent.ts';

/** localStorage, or null when the browser refuses it (privacy settings, sandboxed frames). */
export function localStorageOrNull(): KeyValueStorage | null {
  try {
    const storage = window.localStorage;
    return storage ? { getItem: (k) => storage.getItem(k), setItem: (k, v) => storage.setItem(k, v) } : null;
  } catch {
    return null;
  }
}

/** Copies text with the Clipboard API, falling back to a hidden textarea (plain-HTTP intranets). */
export async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    // Fall through to the legacy way.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('copy failed');
}

/** True when a key press happens while the user is typing somewhere. */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}
