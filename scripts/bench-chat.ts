/**
 * `npm run bench:chat`: how well the chat scorer agrees with a trainer (a report, not a test).
 *
 * Scores, with the real content/scenarios and content/standards:
 * 1. the blind set (tests/calibration/blind/, written and graded before any tuning): Spearman
 *    over the graded files (excellent, good, mediocre, poor, tricky), pairwise order agreement
 *    within each scenario (pairs with different human grades; ties in the score count half), mean
 *    absolute difference from the human grade, min/mean/max per level, every gaming attempt,
 *    and each Traditional copy against its Simplified original;
 *    the holdout sets (tests/calibration/holdout/ and holdout2/), where present, the same way;
 * 2. the in-house set (tests/calibration/*.json, strong/average/poor with bands): per-level
 *    min/mean/max, files outside their band or ending, Spearman against the band middles,
 *    and strong > average > poor order within each scenario.
 *
 * Options: --files (one line per file), --json (all figures as one JSON line at the end).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHAT_HOLDOUT_DIRS, loadChatEval } from '../src/lib/node/chat-eval.ts';
import { pairAgreement, spearman } from '../src/lib/chat/agreement.ts';

const args = new Set(process.argv.slice(2));
const REPO = join(import.meta.dirname, '..');
const CAL = join(REPO, 'tests/calibration');
const BLIND = join(CAL, 'blind');

const chatEval = loadChatEval(REPO);
const score = chatEval.score;

const r1 = (x: number) => Math.round(x * 10) / 10;
const r3 = (x: number) => Math.round(x * 1000) / 1000;
const stats = (xs: number[]) =>
  xs.length
    ? { n: xs.length, min: r1(Math.min(...xs)), mean: r1(xs.reduce((s, x) => s + x, 0) / xs.length), max: r1(Math.max(...xs)) }
    : { n: 0 };

// ---- blind sets: the blind set (tuned against since it was frozen) and, where present, the
// holdout set (tests/calibration/holdout/: written by a helper who saw neither the scorer nor the
// scenarios' key points, over the scenarios the blind set does not cover, never tuned against)
interface BlindEntry {
  file: string;
  scenario: string;
  level: string;
  humanScore: number;
  trick?: string;
  copyOf?: string;
}
function blindSetFigures(dir: string) {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { files: BlindEntry[] };
  const all = manifest.files.map((e) => {
    const r = score(dir, e.file, e.scenario);
    return { ...e, score: r.score, ending: r.ending.id, report: r };
  });
  const graded = all.filter((b) => !b.file.includes('/'));
  const gaming = all.filter((b) => b.file.startsWith('gaming/'));
  const traditional = all.filter((b) => b.file.startsWith('traditional/'));
  const figures = {
    spearman: r3(
      spearman(
        graded.map((b) => b.humanScore),
        graded.map((b) => b.score),
      ),
    ),
    spearmanWithGaming: r3(
      spearman(
        [...graded, ...gaming].map((b) => b.humanScore),
        [...graded, ...gaming].map((b) => b.score),
      ),
    ),
    pairs: (() => {
      const p = pairAgreement(graded.map((b) => ({ group: b.scenario, human: b.humanScore, score: b.score })));
      return { ...p, share: r3(p.agree / p.pairs) };
    })(),
    meanAbsDiff: r1(graded.reduce((s, b) => s + Math.abs(b.score - b.humanScore), 0) / graded.length),
    levels: Object.fromEntries(
      ['excellent', 'good', 'mediocre', 'poor', 'tricky'].map((l) => [l, stats(graded.filter((b) => b.level === l).map((b) => b.score))]),
    ),
    gaming: { ...stats(gaming.map((b) => b.score)), files: gaming.map((b) => ({ file: b.file, score: b.score, human: b.humanScore })) },
    traditional: traditional.map((t) => {
      const original = graded.find((b) => b.file === t.copyOf);
      return { file: t.file, traditional: t.score, simplified: original?.score, diff: original ? r1(t.score - original.score) : undefined };
    }),
  };
  return { graded, gaming, traditional, figures };
}
const blind = blindSetFigures(BLIND);
// The holdout sets (CHAT_HOLDOUT_DIRS), those present.
const holdouts = CHAT_HOLDOUT_DIRS.filter((d) => existsSync(join(REPO, d, 'manifest.json'))).map((d) => ({
  name: d.split('/').pop()!,
  set: blindSetFigures(join(REPO, d)),
}));

// ---- in-house set
interface HouseCase {
  file: string;
  scenario: string;
  level: 'strong' | 'average' | 'poor';
  min: number;
  max: number;
  ending: string;
}
const houseManifest = JSON.parse(readFileSync(join(CAL, 'manifest.json'), 'utf8')) as { cases: HouseCase[] };
const house = houseManifest.cases.map((c) => {
  const r = score(CAL, c.file, c.scenario);
  return { ...c, score: r.score, gotEnding: r.ending.id };
});
const mid = (c: HouseCase) => (c.min + c.max) / 2;
const houseFigures = {
  spearmanVsBandMiddle: r3(
    spearman(
      house.map(mid),
      house.map((c) => c.score),
    ),
  ),
  levels: Object.fromEntries(['strong', 'average', 'poor'].map((l) => [l, stats(house.filter((c) => c.level === l).map((c) => c.score))])),
  outOfBand: house.filter((c) => c.score < c.min || c.score > c.max).map((c) => ({ file: c.file, score: c.score, band: [c.min, c.max] })),
  wrongEnding: house.filter((c) => c.gotEnding !== c.ending).map((c) => ({ file: c.file, expected: c.ending, got: c.gotEnding })),
  orderBroken: [...new Set(house.map((c) => c.scenario))].filter((id) => {
    const s = (l: string) => house.find((c) => c.scenario === id && c.level === l)?.score ?? NaN;
    return !(s('strong') > s('average') && s('average') > s('poor'));
  }),
};

// ---- print
const lines: string[] = [];
const p = (s = '') => lines.push(s);
function printBlindSet(name: string, set: ReturnType<typeof blindSetFigures>) {
  const { graded, gaming, traditional, figures } = set;
  p(`chat scorer — ${name} (${graded.length} graded, ${gaming.length} gaming, ${traditional.length} Traditional)`);
  p(`  Spearman (graded)               ${figures.spearman}   (with gaming: ${figures.spearmanWithGaming})`);
  p(`  pairwise order within scenario  ${figures.pairs.share}   (${figures.pairs.agree}/${figures.pairs.pairs})`);
  p(`  mean |score − human|            ${figures.meanAbsDiff}`);
  for (const [l, s] of Object.entries(figures.levels)) p(`  ${l.padEnd(10)} ${JSON.stringify(s)}`);
  p(`  gaming     ${JSON.stringify({ ...figures.gaming, files: undefined })}`);
  for (const g of figures.gaming.files) p(`    ${g.file.padEnd(52)} ${String(g.score).padStart(5)}   (human ${g.human})`);
  if (traditional.length) p('  Traditional vs Simplified');
  for (const t of figures.traditional)
    p(`    ${t.file.padEnd(44)} 繁 ${String(t.traditional).padStart(5)}  简 ${String(t.simplified).padStart(5)}  diff ${t.diff}`);
  if (args.has('--files')) {
    p('  files');
    for (const b of graded)
      p(
        `    ${b.file.padEnd(40)} ${b.level.padEnd(9)} human ${String(b.humanScore).padStart(3)}  score ${String(b.score).padStart(5)}  ${b.ending}`,
      );
  }
}
printBlindSet('blind set', blind);
for (const h of holdouts) {
  p();
  printBlindSet(`${h.name} set`, h.set);
}
p();
p(`chat scorer — in-house set (${house.length} transcripts)`);
p(`  Spearman vs band middle         ${houseFigures.spearmanVsBandMiddle}`);
for (const [l, s] of Object.entries(houseFigures.levels)) p(`  ${l.padEnd(10)} ${JSON.stringify(s)}`);
p(`  outside band   ${houseFigures.outOfBand.length ? JSON.stringify(houseFigures.outOfBand) : 'none'}`);
p(`  wrong ending   ${houseFigures.wrongEnding.length ? JSON.stringify(houseFigures.wrongEnding) : 'none'}`);
p(`  order broken   ${houseFigures.orderBroken.length ? houseFigures.orderBroken.join(', ') : 'none'}`);
if (args.has('--files')) {
  for (const c of house)
    p(`    ${c.file.padEnd(40)} ${c.level.padEnd(8)} band ${c.min}-${c.max}  score ${String(c.score).padStart(5)}  ${c.gotEnding}`);
}
console.log(lines.join('\n'));
if (args.has('--json'))
  console.log(
    JSON.stringify({ blind: blind.figures, ...Object.fromEntries(holdouts.map((h) => [h.name, h.set.figures])), house: houseFigures }),
  );
