/**
 * The copy buttons and reply texts of the static pages (CopyButton.astro, ReplyText.astro): fills
 * every placeholder element from the 我的店铺 profile (as text, so a value with 【】 or markup shows
 * as written), marks the unfilled ones, copies replies filled and warns about what is unfilled,
 * counts copies and toggles pins. Delegated listeners: started once per page.
 */
import { ui } from '../../i18n/zh-CN/workbench.ts';
import { bracketed } from '../../lib/workbench/fill.ts';
import { togglePinned } from '../../lib/workbench/profile.ts';
import { copyText } from '../search/browser.ts';
import { fillFromDevice, loadProfile, onProfileChange, recordCopy, saveProfile } from './device-profile.ts';

let started = false;

/** Shows the profile's values in the reply texts and the pin state on the ☆ buttons. */
export function renderProfile(root: ParentNode = document): void {
  const profile = loadProfile();
  for (const el of root.querySelectorAll<HTMLElement>('.ph[data-ph]')) {
    const name = el.dataset.ph ?? '';
    const value = profile.values[name]?.trim();
    el.textContent = value || `【${name}】`;
    el.classList.toggle('ph-empty', !value);
    el.classList.toggle('ph-filled', !!value);
  }
  for (const b of root.querySelectorAll<HTMLButtonElement>('button[data-pin]')) {
    const pinned = profile.pinned.includes(b.dataset.pin ?? '');
    b.setAttribute('aria-pressed', String(pinned));
    b.setAttribute('aria-label', (pinned ? b.dataset.unpinLabel : b.dataset.pinLabel) ?? '');
    b.title = pinned ? ui.workbench.unpin : ui.workbench.pin;
    const star = b.querySelector('span');
    if (star) star.textContent = pinned ? '★' : '☆';
  }
}

async function onCopy(button: HTMLButtonElement): Promise<void> {
  const status = button.parentElement?.querySelector<HTMLElement>('.copy-status');
  const original = button.dataset.label ?? button.textContent ?? '';
  button.dataset.label = original;
  const filled = fillFromDevice(button.dataset.copy ?? '');
  try {
    await copyText(filled.text);
    button.dataset.state = filled.unfilledCount ? 'warn' : 'copied';
    button.textContent = button.dataset.copiedLabel ?? '';
    recordCopy(button.dataset.replyKey);
    if (status) status.textContent = filled.unfilledCount ? ui.workbench.unfilled(filled.unfilledCount, bracketed(filled.unfilled)) : '';
  } catch {
    button.dataset.state = 'failed';
    button.textContent = button.dataset.failedLabel ?? '';
  }
  setTimeout(() => {
    button.textContent = original;
    delete button.dataset.state;
  }, 1600);
  if (status && filled.unfilledCount) setTimeout(() => (status.textContent = ''), 8000);
}

export function startCopyButtons(): void {
  if (started) return;
  started = true;
  document.addEventListener('click', (event) => {
    const target = event.target as Element | null;
    const copy = target?.closest<HTMLButtonElement>('button[data-copy]');
    if (copy) {
      void onCopy(copy);
      return;
    }
    const pin = target?.closest<HTMLButtonElement>('button[data-pin]');
    if (pin?.dataset.pin) saveProfile(togglePinned(loadProfile(), pin.dataset.pin));
  });
  onProfileChange(() => renderProfile());
  renderProfile();
}
