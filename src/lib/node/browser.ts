/**
 * Finds a Chromium to drive (build-time diagrams, e2e tests). Order: SOP_CHROMIUM (or
 * CHROME_PATH), the system's Chromium/Chrome, then Playwright's own download. Node only.
 */
import { existsSync } from 'node:fs';

export interface FoundBrowser {
  path: string;
  /** Where it was found, for messages. */
  source: 'env' | 'system' | 'playwright';
}

/** Flags that make Chromium behave on a closed network and as root. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

const SYSTEM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

export const BROWSER_HELP = [
  '找不到 Chromium 浏览器（构建流程图和端到端测试需要）。任选一种办法：',
  '  • Debian/Ubuntu：sudo apt-get install -y chromium fonts-noto-cjk',
  '  • 已装有 Chrome/Chromium：设置环境变量 SOP_CHROMIUM=/path/to/chrome',
  '  • 也可以运行 npm run setup:browser（以 root 身份时自动用 apt-get 安装）',
  '  • 可以联网下载时：npx playwright install chromium',
].join('\n');

export async function findBrowser(env: NodeJS.ProcessEnv = process.env): Promise<FoundBrowser | undefined> {
  const fromEnv = env.SOP_CHROMIUM || env.CHROME_PATH;
  // SOP_CHROMIUM=none: behave as on a machine without a browser (tests the fallback).
  if (fromEnv === 'none') return undefined;
  if (fromEnv) {
    if (existsSync(fromEnv)) return { path: fromEnv, source: 'env' };
    throw new Error(`SOP_CHROMIUM / CHROME_PATH 指向的文件不存在：${fromEnv}\n${BROWSER_HELP}`);
  }
  const system = SYSTEM_PATHS.find((p) => existsSync(p));
  if (system) return { path: system, source: 'system' };
  try {
    const { chromium } = await import('playwright-core');
    const own = chromium.executablePath();
    if (own && existsSync(own)) return { path: own, source: 'playwright' };
  } catch {
    /* playwright-core not usable: no browser of its own */
  }
  return undefined;
}
