/** `npm run test:e2e`: production build, then Playwright against it. */
import { spawnSync } from 'node:child_process';
import { ensureBrowser } from './ensure-browser.ts';
import { ensureLrs } from '../tests/lrs/lrs-server.ts';

await ensureBrowser();
ensureLrs();
const build = spawnSync('node_modules/.bin/astro', ['build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const e2e = spawnSync('node_modules/.bin/playwright', ['test', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(e2e.status ?? 1);
