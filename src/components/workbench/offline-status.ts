/**
 * Registers the offline service worker (public/sw.js; production builds only) and tells the user,
 * once each, what they need to know: 可离线使用 when everything needed is cached, that a newer
 * version is live (with a reload button), or that offline does not work on this address (plain
 * http other than localhost, where browsers refuse service workers). Registered once the page has
 * loaded and the browser is idle, so precaching never competes with the page.
 */
import { ui } from '../../i18n/zh-CN/workbench.ts';

const READY_KEY = 'sop-offline-ready';
const INSECURE_KEY = 'sop-offline-insecure-told';

function remembered(key: string, value: string): boolean {
  try {
    if (localStorage.getItem(key) === value) return true;
    localStorage.setItem(key, value);
  } catch {
    // Storage refused: say it (at most once per page).
  }
  return false;
}

/** A small notice at the bottom of the page (role=status), with an optional button. */
function notice(text: string, action?: { label: string; run: () => void }, kind = 'info'): void {
  document.querySelector(`.sop-notice[data-kind="${kind}"]`)?.remove();
  const box = document.createElement('div');
  box.className = 'sop-notice no-print';
  box.dataset.kind = kind;
  box.setAttribute('role', 'status');
  const p = document.createElement('span');
  p.textContent = text;
  box.append(p);
  if (action) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = action.label;
    b.addEventListener('click', action.run);
    box.append(b);
  }
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'sop-notice-close';
  close.textContent = '×';
  close.setAttribute('aria-label', ui.workbench.close);
  close.addEventListener('click', () => box.remove());
  box.append(close);
  document.body.append(box);
  if (!action) setTimeout(() => box.remove(), 8000);
}

export function startOffline(): void {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) {
    // http://192.168.… or an intranet name: the browser will not run a service worker here.
    if (location.protocol === 'http:' && !remembered(INSECURE_KEY, location.host))
      notice(ui.workbench.offlineInsecure, undefined, 'insecure');
    return;
  }
  const sw = navigator.serviceWorker;
  const hadController = !!sw.controller;
  sw.addEventListener('message', (event: MessageEvent) => {
    const data = event.data as { type?: string; ready?: boolean; version?: string } | null;
    if (data?.type === 'sop-offline' && data.ready && !remembered(READY_KEY, data.version ?? '')) {
      notice(ui.workbench.offlineReady, undefined, 'ready');
      document.documentElement.dataset.offline = 'ready';
    } else if (data?.type === 'sop-offline' && data.ready) document.documentElement.dataset.offline = 'ready';
  });
  // A new build took over this page (the worker skips waiting): offer a reload.
  sw.addEventListener('controllerchange', () => {
    if (hadController) notice(ui.workbench.updateReady, { label: ui.workbench.reload, run: () => location.reload() }, 'update');
  });
  const register = () =>
    sw
      .register('/sw.js')
      .then(() => sw.ready)
      .then((reg) => reg.active?.postMessage({ type: 'sop-offline-status' }))
      .catch(() => undefined);
  const whenIdle = () => ('requestIdleCallback' in window ? requestIdleCallback(register, { timeout: 5000 }) : setTimeout(register, 1000));
  if (document.readyState === 'complete') whenIdle();
  else window.addEventListener('load', whenIdle, { once: true });
}
