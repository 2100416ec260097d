/**
 * Makes sure a Chromium is available for the build-time diagrams and the e2e tests. When none is
 * found and we are root on Debian/Ubuntu, installs Debian's chromium and the CJK fonts (the
 * documented way); otherwise prints what to do and fails.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findBrowser, BROWSER_HELP } from '../src/lib/node/browser.ts';

export async function ensureBrowser(): Promise<string> {
  let found = await findBrowser();
  const fontsMissing = !existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc') && process.platform === 'linux';
  if ((!found || fontsMissing) && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    const what = [!found && 'chromium', fontsMissing && 'fonts-noto-cjk'].filter(Boolean) as string[];
    console.log(`[浏览器] 未找到 ${what.join('、')}，以 root 身份用 apt-get 安装……`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    const r = spawnSync('apt-get', ['install', '-y', '-qq', 'chromium', 'fonts-noto-cjk'], { stdio: 'inherit', env });
    if (r.status !== 0) console.error('[浏览器] apt-get 安装失败。');
    found = await findBrowser();
  }
  if (!found) {
    console.error(BROWSER_HELP);
    process.exit(1);
  }
  if (fontsMissing && !existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc')) {
    console.warn('[浏览器] 未找到 Noto CJK 字体（fonts-noto-cjk），中文流程图可能用其他字体测量。');
  }
  console.log(`[浏览器] 使用 ${found.path}（${found.source}）`);
  return found.path;
}

if (import.meta.url === `file://${process.argv[1]}`) await ensureBrowser();
