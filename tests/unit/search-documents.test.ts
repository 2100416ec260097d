import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/lib/node/load-content.ts';
import { buildSiteIndex } from '../../src/lib/content/site-index.ts';
import { buildFacets, buildSearchDocuments, documentText } from '../../src/lib/search/documents.ts';

const site = buildSiteIndex(loadContent('tests/fixtures/site-min'));
const docs = buildSearchDocuments(site);

describe('search documents', () => {
  it('has one document per script, workflow, step and standard', () => {
    const count = (kind: string) => docs.filter((d) => d.kind === kind).length;
    expect(count('script')).toBe(site.content.scripts.length);
    expect(count('workflow')).toBe(site.content.workflows.length);
    expect(count('step')).toBe(site.content.workflows.reduce((n, w) => n + w.steps.length, 0));
    expect(count('standard')).toBe(site.content.standards.length);
  });

  it('links a script to its card and to the workflow step it belongs to', () => {
    const script = site.content.scripts[0]!;
    const doc = docs.find((d) => d.kind === 'script' && d.id === script.id)!;
    expect(doc.url).toBe(`/scripts/#${script.id}`);
    expect(doc.contextUrl).toBe(`/workflows/${script.workflow}/#step-${script.step}`);
    expect(doc.reply).toBe(script.reply);
    expect(doc.stage).toBe(script.stage);
    expect(doc.tracks).toEqual([site.workflow.get(script.workflow)!.track]);
  });

  it('puts every searchable text in documentText', () => {
    const script = site.content.scripts[0]!;
    const text = documentText(docs.find((d) => d.id === script.id)!);
    for (const part of [script.title, script.situation, script.reply, ...script.customer, ...script.tags]) expect(text).toContain(part);
  });

  it('strips Markdown from step bodies', () => {
    for (const d of docs.filter((x) => x.kind === 'step')) expect(documentText(d)).not.toContain('**');
  });

  it('lists the stages and tracks for the filters', () => {
    const facets = buildFacets(site, docs);
    expect(facets.stages.length).toBeGreaterThan(0);
    expect(facets.tracks.map((t) => t.id)).toContain(site.content.workflows[0]!.track);
  });
});
