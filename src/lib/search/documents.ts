/**
 * Turns the site's content into search documents: one per script, workflow, workflow step and
 * standard. A document keeps what the results list shows (title, link, reply to copy, where it
 * belongs) and says which text goes in which indexed field (fields.ts). Pure; build time only.
 */
import type { SiteIndex } from '../content/site-index.ts';
import { STAGES } from '../../schemas/common.ts';
import { formatThreshold } from '../text/threshold.ts';
import { urls } from '../urls.ts';
import { stubFieldText, type SearchField } from './fields.ts';

export const SEARCH_KINDS = ['script', 'workflow', 'step', 'standard'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/**
 * What the index itself keeps of an entry: enough to filter and to show the result's title and
 * links at once. The texts (`SearchDocText`) are fetched apart, only for the results shown.
 */
export interface SearchDocStub {
  kind: SearchKind;
  /** Script, workflow or standard id; `<workflow>/<step>` for a step. */
  id: string;
  title: string;
  /** The entry's own page (a script's card in the library, a step's anchor …). */
  url: string;
  /** Stage of the customer journey (scripts, workflows, steps). */
  stage?: string;
  /** Track ids the entry belongs to. */
  tracks?: string[];
  /** Where it belongs, e.g. "撤单处理 · 拍下未付款" for a script. */
  context?: string;
  /** Link to that place (for a script: the workflow step it is used in). */
  contextUrl?: string;
}

/** The texts of an entry (optional fields are omitted). */
export interface SearchDocText {
  /** What customers say (scripts). */
  customer?: string[];
  /** Tags, synonyms, roles, phrases. */
  tags?: string[];
  /** One-sentence situation, summary or rule. */
  summary?: string;
  /** The reply to copy (scripts). */
  reply?: string;
  /** Other long text: reply variants and notes, a step's body, a standard's notes. */
  body?: string[];
}

/** One searchable entry; in the browser its texts are there once fetched (engine.ts). */
export interface SearchDoc extends SearchDocStub, SearchDocText {}

export interface SearchFacets {
  /** Stages that occur, in the schema's order. */
  stages: string[];
  /** Tracks that occur, in the site's order. */
  tracks: Array<{ id: string; title: string }>;
}

/** The text of each indexed field of a document (lists stay lists: pairs never straddle items). */
export function fieldTexts(doc: SearchDoc): Record<SearchField, string[]> {
  return {
    title: stubFieldText(doc, 'title')!,
    customer: doc.customer ?? [],
    tags: doc.tags ?? [],
    summary: doc.summary ? [doc.summary] : [],
    body: [...(doc.reply ? [doc.reply] : []), ...(doc.body ?? [])],
    context: stubFieldText(doc, 'context')!,
  };
}

/** The full searchable text of a document, one item a line (the CLI prints it as `text`). */
export function documentText(doc: SearchDoc): string {
  const f = fieldTexts(doc);
  return [...f.title, ...f.customer, ...f.summary, ...f.body, ...f.tags, ...f.context].filter((t) => t.trim()).join('\n');
}

/** Markdown of step bodies (**bold**, "- " lists) as plain text. */
function plain(markdown: string): string {
  return markdown
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/^\s*(?:[-*]|\d+[.)、])\s+/gm, '')
    .trim();
}

const nonEmpty = <T>(list: T[] | undefined): T[] | undefined => (list && list.length ? list : undefined);

/** Lines of a workflow's text below the steps (prose.ts) up to this length are indexed. */
const PROSE_LINE_MAX = 40;

/** Every search document of the site, scripts first (then workflows, steps, standards). */
export function buildSearchDocuments(site: SiteIndex): SearchDoc[] {
  const docs: SearchDoc[] = [];
  const trackTitle = (id: string) => site.track.get(id)?.title ?? id;

  for (const s of site.content.scripts) {
    const w = site.workflow.get(s.workflow);
    const step = w?.steps.find((x) => x.id === s.step);
    docs.push({
      kind: 'script',
      id: s.id,
      title: s.title,
      url: urls.script(s.id),
      stage: s.stage,
      tracks: w ? [w.track] : undefined,
      context: [w?.title ?? s.workflow, step?.title ?? s.step].join(' · '),
      contextUrl: urls.step(s.workflow, s.step),
      customer: nonEmpty(s.customer),
      tags: nonEmpty(s.tags),
      summary: s.situation,
      reply: s.reply,
      body: nonEmpty([...s.variants, ...(s.notes ? [s.notes] : [])]),
    });
  }

  for (const w of site.content.workflows) {
    docs.push({
      kind: 'workflow',
      id: w.id,
      title: w.title,
      url: urls.workflow(w.id),
      stage: w.stage,
      tracks: [w.track],
      context: trackTitle(w.track),
      contextUrl: urls.track(w.track),
      tags: nonEmpty(w.roles),
      summary: w.summary,
      // The step titles, and the short lines of the text below the steps: table rows (迟到、早退
      // -2 至 -5 分/次) and headings. Its paragraphs retell the steps, indexed already.
      body: nonEmpty([...w.steps.map((step) => step.title), ...(w.prose ?? []).filter((l) => Array.from(l).length <= PROSE_LINE_MAX)]),
    });
  }

  for (const w of site.content.workflows) {
    for (const step of w.steps) {
      docs.push({
        kind: 'step',
        id: `${w.id}/${step.id}`,
        title: step.title,
        url: urls.step(w.id, step.id),
        stage: w.stage,
        tracks: [w.track],
        context: w.title,
        contextUrl: urls.workflow(w.id),
        tags: nonEmpty([step.owner, step.timing].filter((x): x is string => !!x)),
        body: [plain(step.body)],
      });
    }
  }

  for (const s of site.content.standards) {
    const tracks = [...new Set(site.workflowsUsingStandard(s.id).map((w) => w.track))];
    docs.push({
      kind: 'standard',
      id: s.id,
      title: s.name,
      url: urls.standard(s.id),
      tracks: nonEmpty(tracks),
      context: s.category,
      contextUrl: urls.standards(),
      tags: nonEmpty(s.phrases),
      summary: s.rule,
      body: nonEmpty([s.threshold ? formatThreshold(s.threshold) : '', s.appliesTo ?? '', s.notes ?? ''].filter(Boolean)),
    });
  }
  return docs;
}

/** The stages and tracks that occur in the documents, for the filters. */
export function buildFacets(site: SiteIndex, docs: SearchDoc[]): SearchFacets {
  const stages = new Set(docs.flatMap((d) => (d.stage ? [d.stage] : [])));
  const tracks = new Set(docs.flatMap((d) => d.tracks ?? []));
  return {
    stages: STAGES.filter((s) => stages.has(s)),
    tracks: site.tracks.filter((t) => tracks.has(t.id)).map((t) => ({ id: t.id, title: t.title })),
  };
}
