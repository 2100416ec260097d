/**
 * The copy buttons and reply texts of the static pages (CopyButton.astro, ReplyText.astro): fills
 * every placeholder element from the 我的店铺 profile (as text, so a value with 【】 or markup shows
 * as written), marks the unfilled ones, copies replies filled and warns about what is unfilled,
 * counts copies and toggles pins. Delegated listeners: started once per page.
 *
 * The pages carry no copy of the text to copy: it is rebuilt from the reply on the page, each
 * placeholder element standing for its 【名称】, then filled from the profile as it is now.
 * Announcements go to one polite live region per page; the visible warning next to a button is
 * made when there is one to show.
 */
import { ui } from '../../i18n/zh-CN/workbench.ts';
import { bracketed } from '../../lib/workbench/fill.ts';
import { togglePinned } from '../../lib/workbench/profile.ts';
import { copyText } from '../search/browser.ts';
import { fillFromDevice, loadProfile, onProfileChange, recordCopy, saveProfile } from './device-profile.ts';

let started = false;

/**
 * Shows the profile's values in the reply texts and the pin state on the ☆ buttons. Writes only
 * what differs from the page as built (placeholders unfilled, nothing pinned): on a page with
 * hundreds of replies, rewriting every element would make the browser lay the whole page out again.
 */
export function renderProfile(root: ParentNode = document): void {
  const profile = loadProfile();
  for (const el of root.querySelectorAll<HTMLElement>('.ph[data-ph]')) {
    const name = el.dataset.ph ?? '';
    const value = profile.values[name]?.trim();
    const text = value || `【${name}】`;
    if (el.textContent !== text) el.textContent = text;
    if (el.classList.contains('ph-empty') === !!value) el.classList.toggle('ph-empty', !value);
    if (el.classList.contains('ph-filled') !== !!value) el.classList.toggle('ph-filled', !!value);
  }
  for (const b of root.querySelectorAll<HTMLButtonElement>('button[data-pin]')) {
    const pinned = profile.pinned.includes(b.dataset.pin ?? '');
    const title = scriptTitle(b);
    const label = title ? (pinned ? ui.workbench.unpinLabel(title) : ui.workbench.pinLabel(title)) : undefined;
    const pressed = String(pinned);
    if (b.getAttribute('aria-pressed') !== pressed) b.setAttribute('aria-pressed', pressed);
    if (label && b.getAttribute('aria-label') !== label) b.setAttribute('aria-label', label);
    const tip = pinned ? ui.workbench.unpin : ui.workbench.pin;
    if (b.title !== tip) b.title = tip;
    const star = b.querySelector('span');
    const mark = pinned ? '★' : '☆';
    if (star && star.textContent !== mark) star.textContent = mark;
  }
}

/** The title of the script card a button belongs to (its heading), for the pin button's label. */
function scriptTitle(button: HTMLElement): string {
  return button.closest('article')?.querySelector('h3, h4')?.textContent?.trim() ?? '';
}

/** The reply next to a copy button as written in the content: each placeholder as 【名称】. */
export function replyTemplate(button: HTMLElement): string {
  const reply = button.closest('.reply')?.querySelector('.reply-text');
  if (!reply) return '';
  let text = '';
  for (const node of reply.childNodes) {
    const ph = node instanceof HTMLElement ? node.dataset.ph : undefined;
    text += ph !== undefined ? `【${ph}】` : (node.textContent ?? '');
  }
  return text;
}

/** The page's one polite live region for what the copy buttons say. */
function announcer(): HTMLElement {
  let el = document.getElementById('copy-announcer');
  if (!el) {
    el = document.createElement('p');
    el.id = 'copy-announcer';
    el.className = 'visually-hidden';
    el.setAttribute('role', 'status');
    el.setAttribute('aria-live', 'polite');
    document.body.append(el);
  }
  return el;
}

/** The visible status line next to a button (made on first use). */
function statusFor(button: HTMLButtonElement): HTMLElement | undefined {
  const tools = button.parentElement;
  if (!tools) return undefined;
  let status = tools.querySelector<HTMLElement>('.copy-status');
  if (!status) {
    status = document.createElement('span');
    status.className = 'copy-status';
    tools.append(status);
  }
  return status;
}

async function onCopy(button: HTMLButtonElement): Promise<void> {
  const original = button.dataset.label ?? button.textContent ?? '';
  button.dataset.label = original;
  const filled = fillFromDevice(replyTemplate(button));
  let said: string = ui.workbench.copied;
  try {
    await copyText(filled.text);
    button.dataset.state = filled.unfilledCount ? 'warn' : 'copied';
    button.textContent = ui.workbench.copied;
    recordCopy(button.dataset.replyKey);
    const warning = filled.unfilledCount ? ui.workbench.unfilled(filled.unfilledCount, bracketed(filled.unfilled)) : '';
    const status = statusFor(button);
    if (status) status.textContent = warning;
    if (warning) {
      said = `${said}。${warning}`;
      setTimeout(() => status && (status.textContent = ''), 8000);
    }
  } catch {
    button.dataset.state = 'failed';
    button.textContent = said = ui.workbench.copyFailed;
  }
  announcer().textContent = said;
  setTimeout(() => {
    button.textContent = original;
    delete button.dataset.state;
  }, 1600);
}

export function startCopyButtons(): void {
  if (started) return;
  started = true;
  document.addEventListener('click', (event) => {
    const target = event.target as Element | null;
    const copy = target?.closest<HTMLButtonElement>('button[data-copy-reply]');
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
