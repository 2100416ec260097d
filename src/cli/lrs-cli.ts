/** Shared by `sop send-results` and `sop results`: flags, reading result files, the site origin. */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ImportInput } from '../lib/training/regrade.ts';
import { MAX_RESULT_FILE_BYTES } from '../lib/training/result-file.ts';
import { unreadableReason } from './read-input.ts';
import { projectRoot } from './root.ts';

export type Flags =
  { ok: true; values: Record<string, string | undefined>; flags: Record<string, boolean>; rest: string[] } | { ok: false; message: string };

/** `--name value` options, `--name` switches, the rest as positional arguments. */
export function parseFlags(args: readonly string[], valued: readonly string[], switches: readonly string[]): Flags {
  const values: Record<string, string | undefined> = {};
  const flags: Record<string, boolean> = {};
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('--')) {
      rest.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq > 0 ? eq : undefined);
    if (valued.includes(name)) {
      const v = eq > 0 ? a.slice(eq + 1) : args[++i];
      if (v === undefined) return { ok: false, message: `--${name} 后面缺少值` };
      values[name] = v;
    } else if (switches.includes(name)) flags[name] = true;
    else return { ok: false, message: `不认识的选项 ${a}` };
  }
  return { ok: true, values, flags, rest };
}

export function readResultInput(path: string): ImportInput {
  try {
    const stat = statSync(resolve(process.cwd(), path));
    if (stat.isDirectory()) return { name: path, size: 0, readError: '这是一个目录' };
    if (stat.size > MAX_RESULT_FILE_BYTES) return { name: path, size: stat.size };
    return { name: path, size: stat.size, text: readFileSync(resolve(process.cwd(), path), 'utf8') };
  } catch (err) {
    return { name: path, size: 0, readError: unreadableReason(err) };
  }
}

/** The site's origin for activity ids: --site, else SOP_SITE, else `site` in astro.config.mjs. */
export function siteOrigin(flag: string | undefined): { ok: true; value: string } | { ok: false; message: string } {
  let raw = flag ?? process.env.SOP_SITE;
  if (!raw) {
    try {
      raw = /\bsite:\s*['"]([^'"]+)['"]/.exec(readFileSync(resolve(projectRoot(), 'astro.config.mjs'), 'utf8'))?.[1];
    } catch {
      raw = undefined;
    }
  }
  if (!raw) return { ok: false, message: '请用 --site 指明网站地址（例如 https://sop.example.com）' };
  try {
    return { ok: true, value: new URL(raw).origin };
  } catch {
    return { ok: false, message: `--site：“${raw}” 不是网址` };
  }
}
