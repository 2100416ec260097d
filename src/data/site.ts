/**
 * The whole site's content for the pages, loaded once per build from the content collections and
 * checked with the same cross-reference check as the CLI (src/lib/content/references.ts). A bad
 * reference fails the build with the file, the field and the id.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { relative } from 'node:path';
import { checkReferences, type SiteContent, type WorkflowEntry } from '../lib/content/references.ts';
import { ContentError } from '../lib/content/problems.ts';
import { mdxProse } from '../lib/content/prose.ts';
import { buildSiteIndex, type SiteIndex } from '../lib/content/site-index.ts';
import { contentRoot } from './root.ts';

export interface Site extends SiteIndex {
  /** The rendered MDX entries, by workflow id (for render()). */
  entries: Map<string, CollectionEntry<'workflows'>>;
}

let cached: Promise<Site> | undefined;

async function load(): Promise<Site> {
  const root = contentRoot();
  const rel = (path: string | undefined, fallback: string) => (path ? relative(root, path) : fallback);
  const [tracks, workflows, scripts, standards, quizzes, scenarios, placeholders] = await Promise.all([
    getCollection('tracks'),
    getCollection('workflows'),
    getCollection('scripts'),
    getCollection('standards'),
    getCollection('quizzes'),
    getCollection('scenarios'),
    getCollection('placeholders'),
  ]);
  const content: SiteContent = {
    tracks: tracks.map((t) => ({ ...t.data, file: 'content/tracks.yaml' })),
    workflows: workflows.map((w): WorkflowEntry => ({
      ...w.data,
      id: w.id,
      file: rel(w.filePath, `content/workflows/${w.id}.mdx`),
      prose: mdxProse(w.body ?? ''),
    })),
    scripts: scripts.map((s) => s.data),
    standards: standards.map((s) => s.data),
    quizzes: quizzes.map((q) => ({ ...q.data, file: rel(q.filePath, `quizzes/${q.id}.yaml`) })),
    scenarios: scenarios.map((s) => ({ ...s.data, file: rel(s.filePath, `content/scenarios/${s.id}.yaml`) })),
    placeholders: placeholders.length ? placeholders.map((p) => p.data).sort((a, b) => a.order - b.order) : undefined,
  };
  const problems = checkReferences(content);
  if (problems.length) throw new ContentError(problems);
  return { ...buildSiteIndex(content), entries: new Map(workflows.map((w) => [w.id, w])) };
}

/** The checked site content (memoised for the build). */
export function getSite(): Promise<Site> {
  cached ??= load();
  return cached;
}
