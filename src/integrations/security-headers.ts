/**
 * After the build: hashes every inline script of every page and writes dist/_headers from
 * public/_headers with those hashes in the CSP (src/lib/node/security-headers.ts).
 */
import type { AstroIntegration } from 'astro';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inlineScripts, scriptHash, withScriptHashes } from '../lib/node/security-headers.ts';

async function htmlFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await htmlFiles(p)));
    else if (e.name.endsWith('.html')) out.push(p);
  }
  return out;
}

export function securityHeaders(): AstroIntegration {
  return {
    name: 'sop-security-headers',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        const hashes = new Set<string>();
        for (const file of await htmlFiles(out))
          for (const body of inlineScripts(await readFile(file, 'utf8'))) hashes.add(scriptHash(body));
        const template = await readFile(join(out, '_headers'), 'utf8').catch(() => '');
        if (!template) {
          logger.warn('public/_headers 不存在：没有生成安全响应头');
          return;
        }
        await writeFile(join(out, '_headers'), withScriptHashes(template, [...hashes]));
        logger.info(`_headers：CSP 收录 ${hashes.size} 个内联脚本的哈希`);
      },
    },
  };
}
