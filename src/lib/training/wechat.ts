/**
 * WeChat's in-app browser (issue 11.6): it cannot download files and keeps its own storage, so work
 * done inside it stays inside it. isWeChatBrowser() recognises it from the user agent
 * (“MicroMessenger”; WeCom/企业微信 adds “wxwork”); canShareFiles() says whether the Web Share API
 * can share a result file (分享结果文件) where downloading is impossible.
 */

/** True for WeChat's and WeCom's in-app browsers (Android, iOS, Windows, macOS). */
export function isWeChatBrowser(userAgent: string | null | undefined): boolean {
  return /MicroMessenger|wxwork/i.test(userAgent ?? '');
}

/** What canShare/share need from navigator (tests pass a fake). */
export interface ShareNavigator {
  canShare?: (data: { files: unknown[] }) => boolean;
  share?: (data: { files: unknown[]; title?: string; text?: string }) => Promise<void>;
}

/** True when the browser can share this file (Web Share API level 2). */
export function canShareFiles(nav: ShareNavigator | undefined, file: unknown): boolean {
  try {
    return !!nav?.share && !!nav.canShare && nav.canShare({ files: [file] });
  } catch {
    return false;
  }
}
