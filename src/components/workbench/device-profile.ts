/**
 * The shop profile on this device, shared by the copy buttons, the search island and the 我的店铺
 * page: read and written in localStorage (synchronous, so a copy fills the reply inside the click),
 * with a window event when it changes so every view on the page follows. Browser only; the logic
 * is in src/lib/workbench/.
 */
import type { KeyValueStorage } from '../../lib/search/recent.ts';
import {
  countCopy,
  PROFILE_STORAGE_KEY,
  readStoredProfile,
  serializeProfile,
  type ReplyKey,
  type ShopProfile,
} from '../../lib/workbench/profile.ts';
import { fillReply, type FilledReply } from '../../lib/workbench/fill.ts';

/** Fired on window after the profile changed on this page (other tabs get the storage event). */
export const PROFILE_EVENT = 'sop-profile-change';

/** localStorage, or null when the browser refuses it. */
export function profileStorage(): KeyValueStorage | null {
  try {
    const s = window.localStorage;
    return s ? { getItem: (k) => s.getItem(k), setItem: (k, v) => s.setItem(k, v) } : null;
  } catch {
    return null;
  }
}

export function loadProfile(storage: KeyValueStorage | null = profileStorage()): ShopProfile {
  try {
    return readStoredProfile(storage?.getItem(PROFILE_STORAGE_KEY));
  } catch {
    return readStoredProfile(null);
  }
}

/** Saves the profile; false when the browser refused (storage full or disabled). */
export function saveProfile(profile: ShopProfile, storage: KeyValueStorage | null = profileStorage()): boolean {
  if (!storage) return false;
  try {
    storage.setItem(PROFILE_STORAGE_KEY, serializeProfile(profile, Object.keys(profile.values)));
  } catch {
    return false;
  }
  if (typeof window !== 'undefined') window.dispatchEvent(new CustomEvent(PROFILE_EVENT));
  return true;
}

/** The reply filled from this device's profile. */
export function fillFromDevice(text: string): FilledReply {
  return fillReply(text, loadProfile().values);
}

/** Counts a copy of the reply with this key (most-copied list). */
export function recordCopy(key: ReplyKey | undefined): void {
  if (!key) return;
  saveProfile(countCopy(loadProfile(), key));
}

/** Calls `listener` whenever the profile changes, here or in another tab; returns the unsubscribe. */
export function onProfileChange(listener: () => void): () => void {
  const onStorage = (e: StorageEvent) => {
    if (e.key === PROFILE_STORAGE_KEY || e.key === null) listener();
  };
  window.addEventListener(PROFILE_EVENT, listener);
  window.addEventListener('storage', onStorage);
  return () => {
    window.removeEventListener(PROFILE_EVENT, listener);
    window.removeEventListener('storage', onStorage);
  };
}
