/**
 * Lookups the chat pages need (pure, build time): scenarios by track, and exactly
 * the data the island gets as props — the scenario, the standards subset the engine and the report
 * use, and the few names the report links to.
 */
import type { Scenario } from '../../schemas/scenario.ts';
import type { SiteIndex } from '../../lib/content/site-index.ts';
import { CHAT_STANDARDS } from '../../lib/chat/rules.ts';
import type { ChatStandard } from './chat-session.svelte.ts';

/** Scenarios grouped by track (site order), by the order of their workflow, then title. */
export function scenariosByTrack<S extends Scenario>(
  site: Pick<SiteIndex, 'tracks' | 'workflow'>,
  scenarios: readonly S[],
): Array<{ track: { id: string; title: string } | undefined; scenarios: S[] }> {
  const orderOf = (s: S) => site.workflow.get(s.workflow)?.order ?? Number.MAX_SAFE_INTEGER;
  const sorted = [...scenarios].sort((a, b) => orderOf(a) - orderOf(b) || a.title.localeCompare(b.title, 'zh-CN'));
  const groups: Array<{ track: { id: string; title: string } | undefined; scenarios: S[] }> = site.tracks.map((t) => ({
    track: { id: t.id, title: t.title },
    scenarios: sorted.filter((s) => s.track === t.id),
  }));
  const known = new Set(site.tracks.map((t) => t.id));
  const rest = sorted.filter((s) => !known.has(s.track));
  if (rest.length) groups.push({ track: undefined, scenarios: rest });
  return groups.filter((g) => g.scenarios.length > 0);
}

/** The scenario as the island gets it: the schema's fields only (no loader extras such as `file`). */
export function islandScenario(scenario: Scenario & { file?: string }): Scenario {
  const { file: _file, ...rest } = scenario;
  return rest;
}

/** Standard ids a scenario's report can name: the engine's core standards, the scenario's, its key points'. */
export function scenarioStandardIds(scenario: Scenario): string[] {
  const ids = new Set<string>([...Object.values(CHAT_STANDARDS), ...scenario.standards]);
  for (const t of scenario.turns) for (const k of [...t.expect, ...t.avoid]) if (k.standard) ids.add(k.standard);
  return [...ids];
}

/**
 * The standards the island needs, in catalogue order: the fields buildChatRules reads (id,
 * phrases, threshold) and the name. buildChatRules only reads the core chat standards, so the
 * rules built from this subset are the CLI's rules built from all standards.
 */
export function islandStandards(site: Pick<SiteIndex, 'content'>, scenario: Scenario): ChatStandard[] {
  const wanted = new Set(scenarioStandardIds(scenario));
  return site.content.standards
    .filter((s) => wanted.has(s.id))
    .map((s) => ({ id: s.id, name: s.name, phrases: [...s.phrases], ...(s.threshold ? { threshold: { ...s.threshold } } : {}) }));
}

/** Names the report shows for the links it gives: the workflow, its steps, the scripts. */
export interface ChatLabels {
  workflow: { id: string; title: string };
  /** Step id → title, for the scenario's workflow. */
  steps: Record<string, string>;
  /** Script id → title, for the scripts the scenario and its turns name. */
  scripts: Record<string, string>;
}

export function chatLabels(site: Pick<SiteIndex, 'workflow' | 'script'>, scenario: Scenario): ChatLabels {
  const workflow = site.workflow.get(scenario.workflow);
  const scripts: Record<string, string> = {};
  const ids = [
    ...scenario.scripts,
    ...scenario.turns.flatMap((t) => [t.script, ...t.expect.map((k) => k.script), ...t.avoid.map((k) => k.script)]),
  ];
  for (const id of ids) {
    const s = id ? site.script.get(id) : undefined;
    if (s) scripts[s.id] = s.title;
  }
  return {
    workflow: { id: scenario.workflow, title: workflow?.title ?? scenario.workflow },
    steps: Object.fromEntries((workflow?.steps ?? []).map((s) => [s.id, s.title])),
    scripts,
  };
}
