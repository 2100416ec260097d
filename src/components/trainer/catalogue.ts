/**
 * What the trainer pages and 我的培训 need to know about the content (built at build time, passed
 * to the islands as props): every quiz and chat scenario with its title, version, content hash,
 * track and workflow, and the site version. Re-grading needs more and fetches /trainer/grading.json.
 */
import type { SiteIndex } from '../../lib/content/site-index.ts';
import { gradingData, scenarioHash } from '../../lib/training/grading.ts';
import { quizHash } from '../../lib/quiz/hash.ts';
import type { ItemKind } from '../../lib/training/assignment.ts';

export interface CatalogueItem {
  kind: ItemKind;
  id: string;
  title: string;
  version: number;
  /** quizHash / scenarioHash of the current content. */
  hash: string;
  track: string;
  workflow: string;
  workflowTitle: string;
  /** Quiz: number of questions; chat: number of turns. */
  size: number;
  /** Quiz: its own pass mark. */
  passMark?: number;
  description: string;
  tags: string[];
}

export interface Catalogue {
  siteVersion: string;
  tracks: Array<{ id: string; title: string }>;
  items: CatalogueItem[];
}

export function trainingCatalogue(site: Pick<SiteIndex, 'content' | 'tracks' | 'workflow'>): Catalogue {
  const c = site.content;
  const items: CatalogueItem[] = [];
  for (const q of c.quizzes) {
    const w = site.workflow.get(q.workflow);
    items.push({
      kind: 'quiz',
      id: q.id,
      title: q.title,
      version: q.version,
      hash: quizHash(q),
      track: w?.track ?? '',
      workflow: q.workflow,
      workflowTitle: w?.title ?? q.workflow,
      size: q.questions.length,
      passMark: q.passMark,
      description: q.description,
      tags: [],
    });
  }
  for (const s of c.scenarios ?? []) {
    items.push({
      kind: 'chat',
      id: s.id,
      title: s.title,
      version: s.version,
      hash: scenarioHash(s),
      track: s.track,
      workflow: s.workflow,
      workflowTitle: site.workflow.get(s.workflow)?.title ?? s.workflow,
      size: s.turns.length,
      description: s.brief,
      tags: [...s.tags],
    });
  }
  const order = new Map(site.tracks.map((t, i) => [t.id, i]));
  const wOrder = (id: string) => site.workflow.get(id)?.order ?? 9999;
  items.sort(
    (a, b) =>
      (order.get(a.track) ?? 99) - (order.get(b.track) ?? 99) ||
      (a.kind === b.kind ? 0 : a.kind === 'quiz' ? -1 : 1) ||
      wOrder(a.workflow) - wOrder(b.workflow) ||
      a.title.localeCompare(b.title, 'zh-CN'),
  );
  return {
    siteVersion: gradingData(c).siteVersion,
    tracks: site.tracks.map((t) => ({ id: t.id, title: t.title })),
    items,
  };
}
