/** /workbench/replies.json: the replies for 我的店铺 (favourites, quick-phrase export). */
import type { APIRoute } from 'astro';
import { getSite } from '../../data/site.ts';
import type { WorkbenchData } from '../../components/workbench/workbench.svelte.ts';

export const GET: APIRoute = async () => {
  const site = await getSite();
  const data: WorkbenchData = {
    replies: site.content.scripts.map((s) => ({
      id: s.id,
      title: s.title,
      stage: s.stage,
      workflowTitle: site.workflow.get(s.workflow)?.title ?? s.workflow,
      reply: s.reply,
      variants: s.variants,
    })),
  };
  return new Response(JSON.stringify(data), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
