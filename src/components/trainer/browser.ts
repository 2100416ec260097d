/** Browser-only helpers of the trainer islands: clipboard, the change broadcast between tabs, persistent storage (downloads: ../state/download.ts). */

export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

const CHANNEL = 'sop-xuetang-training';

/**
 * Tells other tabs of the site that training records changed, and calls `onchange` when another
 * tab says so or when this tab becomes visible again. Returns the cleanup.
 */
export function watchOtherTabs(onchange: () => void): { notify(): void; stop(): void } {
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : null;
  if (channel) channel.onmessage = () => onchange();
  const visible = () => {
    if (document.visibilityState === 'visible') onchange();
  };
  document.addEventListener('visibilitychange', visible);
  window.addEventListener('focus', onchange);
  return {
    notify: () => channel?.postMessage({ at: Date.now() }),
    stop: () => {
      channel?.close();
      document.removeEventListener('visibilitychange', visible);
      window.removeEventListener('focus', onchange);
    },
  };
}

/** Asks the browser to keep the site's storage (not evicted under pressure); null when unsupported. */
export async function persistStorage(): Promise<boolean | null> {
  try {
    const s = navigator.storage;
    if (!s?.persist) return null;
    if (await s.persisted?.()) return true;
    return await s.persist();
  } catch {
    return null;
  }
}
