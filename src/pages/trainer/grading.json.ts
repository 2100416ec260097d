/**
 * /trainer/grading.json: what the dashboard re-grades with (src/lib/training/grading.ts): every
 * quiz and chat scenario (and every earlier published version, content/grading-archive/), the
 * standards behind the chat rules, labels and the site version.
 * `sop regrade` builds the same bundle from the content files.
 */
import type { APIRoute } from 'astro';
import { getSite } from '../../data/site.ts';
import { gradingData } from '../../lib/training/grading.ts';
import { loadGradingArchive } from '../../lib/node/grading-archive.ts';
import { contentRoot } from '../../data/root.ts';

export const GET: APIRoute = async () => {
  const site = await getSite();
  return new Response(JSON.stringify(gradingData(site.content, loadGradingArchive(contentRoot()))), {
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
};
