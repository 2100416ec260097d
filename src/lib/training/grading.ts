/**
 * What re-grading needs, in one serialisable bundle (GradingData) shared by the trainer's
 * dashboard (fetched from /trainer/grading.json, built at build time) and `sop regrade` (built
 * from the content files): the quizzes, the chat scenarios, the standards the chat rules come
 * from, and the site version.
 *
 * Site version = 8 hex digits, FNV-1a of the canonical JSON of
 *   { engine: GRADING_ENGINE, quizzes: [[id, quizHash]…], scenarios: [[id, scenarioHash]…],
 *     rules: the chat-rule standards (id, phrases, threshold) }
 * so it changes exactly when something that can change a score changes: a quiz, a scenario, a
 * chat standard's phrases or numbers, or the engines (bump GRADING_ENGINE with a scoring change).
 *
 * Versions: an attempt is graded against the quiz or scenario version it was taken on. Every
 * published version is kept in content/grading-archive/ (src/lib/node/grading-archive.ts, `npm run
 * archive:grading`), as Moodle keeps question versions; `archive` carries the ones that differ from
 * the current content, and the context looks them up by id, version and content hash.
 */
import type { Quiz } from '../../schemas/quiz.ts';
import type { Scenario } from '../../schemas/scenario.ts';
import { buildChatRules, CHAT_STANDARDS, type ChatRules } from '../chat/rules.ts';
import { canonicalJson, fnv1a32, quizHash } from '../quiz/hash.ts';

/** Bump when the quiz or chat engine changes how it scores the same answers. */
export const GRADING_ENGINE = 1;

export interface StandardLite {
  id: string;
  name: string;
  phrases: string[];
  threshold?: { min?: number | undefined; max?: number | undefined; unit: string } | undefined;
}

export interface GradingData {
  siteVersion: string;
  quizzes: Quiz[];
  scenarios: Scenario[];
  standards: StandardLite[];
  /** Titles for reports: workflow id → title, "workflow/step" → step title, track id → title. */
  labels: { workflows: Record<string, string>; steps: Record<string, string>; tracks: Record<string, string> };
  /** Earlier published versions (not the current ones), for attempts taken on them. */
  archive?: GradingArchive;
  /**
   * Content hashes computed at build time (same order as the lists), so the dashboard does not
   * hash every quiz and version on the main thread when it opens.
   */
  hashes?: { quizzes: string[]; scenarios: string[]; archivedQuizzes: string[]; archivedScenarios: string[] };
}

/** Published versions of quizzes and scenarios kept for re-grading old attempts. */
export interface GradingArchive {
  quizzes: Quiz[];
  scenarios: Scenario[];
}

/** Key of one published version: "<id>@<version>@<content hash>". */
export const versionKey = (id: string, version: number, hash: string) => `${id}@${version}@${hash}`;

const hex = (n: number) => n.toString(16).padStart(8, '0');

/** Content hash of a scenario as the schema reads it (loader extras such as `file` left out). */
export function scenarioHash(scenario: Scenario & { file?: string }): string {
  const { file: _file, ...rest } = scenario;
  return hex(fnv1a32(canonicalJson(rest)));
}

const RULE_IDS: readonly string[] = Object.values(CHAT_STANDARDS);

export function siteVersionOf(quizzes: readonly Quiz[], scenarios: readonly Scenario[], standards: readonly StandardLite[]): string {
  const byId = <T extends { id: string }>(list: readonly T[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return hex(
    fnv1a32(
      canonicalJson({
        engine: GRADING_ENGINE,
        quizzes: byId(quizzes).map((q) => [q.id, quizHash(q)]),
        scenarios: byId(scenarios).map((s) => [s.id, scenarioHash(s)]),
        rules: byId(standards.filter((s) => RULE_IDS.includes(s.id))).map((s) => ({
          id: s.id,
          phrases: s.phrases,
          threshold: s.threshold ?? null,
        })),
      }),
    ),
  );
}

interface ContentLike {
  quizzes: ReadonlyArray<Quiz & { file?: string }>;
  scenarios?: ReadonlyArray<Scenario & { file?: string }> | undefined;
  standards: ReadonlyArray<StandardLite & Record<string, unknown>>;
  workflows: ReadonlyArray<{ id: string; title: string; track: string; steps: ReadonlyArray<{ id: string; title: string }> }>;
  tracks: ReadonlyArray<{ id: string; title: string }>;
}

/** The bundle from loaded content (build time and CLI), with the archive of earlier versions. */
export function gradingData(content: ContentLike, archive?: GradingArchive): GradingData {
  const quizzes = content.quizzes.map(({ file: _f, ...q }) => q as Quiz);
  const scenarios = (content.scenarios ?? []).map(({ file: _f, ...s }) => s as Scenario);
  const standards = content.standards.map((s): StandardLite => ({
    id: s.id,
    name: s.name,
    phrases: [...s.phrases],
    ...(s.threshold ? { threshold: s.threshold } : {}),
  }));
  const labels: GradingData['labels'] = { workflows: {}, steps: {}, tracks: {} };
  for (const w of content.workflows) {
    labels.workflows[w.id] = w.title;
    for (const st of w.steps) labels.steps[`${w.id}/${st.id}`] = st.title;
  }
  for (const t of content.tracks) labels.tracks[t.id] = t.title;
  const data: GradingData = { siteVersion: siteVersionOf(quizzes, scenarios, standards), quizzes, scenarios, standards, labels };
  if (archive) {
    const current = new Set([
      ...quizzes.map((q) => versionKey(q.id, q.version, quizHash(q))),
      ...scenarios.map((s) => versionKey(s.id, s.version, scenarioHash(s))),
    ]);
    data.archive = {
      quizzes: archive.quizzes.filter((q) => !current.has(versionKey(q.id, q.version, quizHash(q)))),
      scenarios: archive.scenarios.filter((s) => !current.has(versionKey(s.id, s.version, scenarioHash(s)))),
    };
  }
  data.hashes = {
    quizzes: quizzes.map(quizHash),
    scenarios: scenarios.map(scenarioHash),
    archivedQuizzes: (data.archive?.quizzes ?? []).map(quizHash),
    archivedScenarios: (data.archive?.scenarios ?? []).map(scenarioHash),
  };
  return data;
}

export interface GradingContext {
  siteVersion: string;
  quizzes: Map<string, Quiz>;
  scenarios: Map<string, Scenario>;
  quizHashes: Map<string, string>;
  scenarioHashes: Map<string, string>;
  rules: ChatRules;
  standardNames: Map<string, string>;
  labels: GradingData['labels'];
  /** Every known version (current and archived) by versionKey. */
  quizVersions: Map<string, Quiz>;
  scenarioVersions: Map<string, Scenario>;
}

/** Lookups and the chat rules, built once per import. */
export function gradingContext(data: GradingData): GradingContext {
  // Hashes from the build when they line up with the lists, else computed here.
  const h = data.hashes;
  const fits = (list: readonly unknown[], hashes: readonly string[] | undefined) => hashes !== undefined && hashes.length === list.length;
  const qh = fits(data.quizzes, h?.quizzes) ? h!.quizzes : data.quizzes.map(quizHash);
  const sh = fits(data.scenarios, h?.scenarios) ? h!.scenarios : data.scenarios.map((s) => scenarioHash(s));
  const aq = data.archive?.quizzes ?? [];
  const as = data.archive?.scenarios ?? [];
  const aqh = fits(aq, h?.archivedQuizzes) ? h!.archivedQuizzes : aq.map(quizHash);
  const ash = fits(as, h?.archivedScenarios) ? h!.archivedScenarios : as.map((s) => scenarioHash(s));
  return {
    siteVersion: data.siteVersion,
    quizzes: new Map(data.quizzes.map((q) => [q.id, q])),
    scenarios: new Map(data.scenarios.map((s) => [s.id, s])),
    quizHashes: new Map(data.quizzes.map((q, i) => [q.id, qh[i]!])),
    scenarioHashes: new Map(data.scenarios.map((s, i) => [s.id, sh[i]!])),
    rules: buildChatRules(data.standards),
    standardNames: new Map(data.standards.map((s) => [s.id, s.name])),
    labels: data.labels,
    quizVersions: new Map([
      ...aq.map((q, i): [string, Quiz] => [versionKey(q.id, q.version, aqh[i]!), q]),
      ...data.quizzes.map((q, i): [string, Quiz] => [versionKey(q.id, q.version, qh[i]!), q]),
    ]),
    scenarioVersions: new Map([
      ...as.map((s, i): [string, Scenario] => [versionKey(s.id, s.version, ash[i]!), s]),
      ...data.scenarios.map((s, i): [string, Scenario] => [versionKey(s.id, s.version, sh[i]!), s]),
    ]),
  };
}
