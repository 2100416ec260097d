import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scenarioSchema, type Scenario } from '../../src/schemas/scenario.ts';
import { checkScenarioStructure } from '../../src/lib/chat/scenario-structure.ts';
import { checkReferences } from '../../src/lib/content/references.ts';
import { ContentError } from '../../src/lib/content/problems.ts';
import { loadContent } from '../../src/lib/node/load-content.ts';
import { FIXTURE_ROOT, fixtureScenario } from './chat-helpers.ts';

const FILE = 'content/scenarios/x.yaml';
const base = fixtureScenario();
const withTurns = (turns: Scenario['turns'], endings = base.endings): Scenario => ({ ...base, turns, endings });
const turn = (t: Partial<Scenario['turns'][number]> & { id: string; default: string }): Scenario['turns'][number] => ({
  customer: ['顾客的话'],
  expect: [],
  avoid: [],
  branches: [],
  maxReplies: 2,
  later: false,
  afterGoodbye: false,
  modelReplies: ['示范'],
  ...t,
});

describe('scenarioSchema', () => {
  it('accepts intents as a plain list or an object, a single customer line, and fills defaults', () => {
    const sc = scenarioSchema.parse({
      ...base,
      intents: { 'offers-gift': ['赠品', '小礼物'], 'promises-discount': { phrases: ['便宜'], amount: true } },
      turns: [{ id: 'a', customer: '只有一句', default: 'deal', modelReplies: ['好'] }],
      timeLimits: undefined,
    });
    expect(sc.intents['offers-gift']).toEqual({
      phrases: ['赠品', '小礼物'],
      unless: [],
      negatable: true,
      amount: false,
      label: undefined,
    });
    expect(sc.intents['promises-discount']).toMatchObject({ amount: true, negatable: true });
    expect(sc.turns[0]).toMatchObject({ customer: ['只有一句'], maxReplies: 2, expect: [], branches: [] });
    expect(sc.timeLimits).toEqual({});
  });
  it('rejects bad ids, empty conditions and missing model replies, naming the field', () => {
    const r = scenarioSchema.safeParse({
      ...base,
      intents: { Bad_Id: ['x'] },
      turns: [{ id: 'a', default: 'deal', branches: [{ when: {}, next: 'deal' }], modelReplies: [] }],
    });
    expect(r.success).toBe(false);
    const paths = r.error?.issues.map((i) => i.path.join('.')) ?? [];
    expect(paths).toEqual(expect.arrayContaining(['intents.Bad_Id', 'turns.0.branches.0.when', 'turns.0.modelReplies']));
  });
  it('takes `overreach` as a flag only, naming the field', () => {
    const r = scenarioSchema.safeParse({
      ...base,
      turns: base.turns.map((t, i) =>
        i === 0 ? { ...t, avoid: [{ label: '越权', intents: ['promises-discount'], overreach: 'yes' }] } : t,
      ),
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['turns.0.avoid.0.overreach']);
  });
  it('takes `later` as a flag only (a turn that happens later in the story), naming the field', () => {
    const later = (value: unknown) =>
      scenarioSchema.safeParse({ ...base, turns: base.turns.map((t, i) => (i === 1 ? { ...t, later: value } : t)) });
    expect(later(true).success).toBe(true);
    const r = later('下午');
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['turns.1.later']);
    // afterGoodbye likewise: a flag only, a wrong value named by its field.
    const bad = scenarioSchema.safeParse({
      ...base,
      turns: base.turns.map((t, i) => (i === 1 ? { ...t, later: true, afterGoodbye: '挂电话后' } : t)),
    });
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(['turns.1.afterGoodbye']);
  });
});

describe('checkScenarioStructure', () => {
  it('finds nothing wrong in the fixture scenario', () => {
    expect(checkScenarioStructure(base, FILE)).toEqual([]);
  });

  it('reports afterGoodbye on a turn that is not later, with the field', () => {
    const sc = { ...base, turns: base.turns.map((t, i) => (i === 1 ? { ...t, later: false, afterGoodbye: true } : t)) };
    expect(checkScenarioStructure(sc, FILE)).toEqual([
      expect.objectContaining({ file: FILE, field: 'turns[1].afterGoodbye', message: expect.stringContaining('later: true') }),
    ]);
  });

  it('reports overreach on an expected point (it marks what not to say), with the field', () => {
    const sc = {
      ...base,
      turns: base.turns.map((t, i) => (i === 0 ? { ...t, expect: t.expect.map((k) => ({ ...k, overreach: true })) } : t)),
    };
    expect(checkScenarioStructure(sc, FILE).map((p) => p.field)).toEqual(
      base.turns[0]!.expect.map((_, j) => `turns[0].expect[${j}].overreach`),
    );
  });

  it('reports unknown intents, with the field', () => {
    const sc = withTurns([
      turn({
        id: 'a',
        customer: [],
        default: 'deal',
        expect: [{ label: 'x', intents: ['nope'], match: 'any', weight: 1, overreach: false }],
        branches: [{ when: { all: [], any: ['ghost'], none: [] }, next: 'deal', atEnd: false }],
      }),
    ]);
    const problems = checkScenarioStructure(sc, FILE).filter((p) => p.message.includes('意图'));
    expect(problems.map((p) => p.field)).toEqual(['turns[0].expect[0].intents[0]', 'turns[0].branches[0].when.any[0]']);
    expect(problems[0]?.message).toContain('未知的意图 id “nope”');
    expect(problems[0]?.file).toBe(FILE);
  });

  it('reports branches to missing turns or endings, unreachable turns and endings', () => {
    const sc = withTurns([
      turn({
        id: 'a',
        customer: [],
        default: 'deal',
        branches: [{ when: { all: ['greets'], any: [], none: [] }, next: 'nowhere', atEnd: false }],
      }),
      turn({ id: 'orphan', default: 'lost' }),
    ]);
    const messages = checkScenarioStructure(sc, FILE).map((p) => `${p.field}: ${p.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        'turns[0].branches[0].next: “nowhere” 既不是回合 id，也不是结局 id',
        'turns[1].id: 回合 “orphan” 从第一个回合出发无法到达',
        expect.stringMatching(/^endings\[\d\]\.id: 结局 “(lost|overpromised)” 从第一个回合出发无法到达$/),
      ]),
    );
  });

  it('reports a chat that can never end, and a loop with no way out', () => {
    const loop = withTurns([turn({ id: 'a', customer: [], default: 'b' }), turn({ id: 'b', default: 'a' })]);
    expect(checkScenarioStructure(loop, FILE).map((p) => p.message)).toContain('从第一个回合出发到达不了任何结局');
    const trap = withTurns([
      turn({
        id: 'a',
        customer: [],
        default: 'deal',
        branches: [{ when: { all: ['greets'], any: [], none: [] }, next: 'b', atEnd: false }],
      }),
      turn({ id: 'b', default: 'b' }),
    ]);
    expect(checkScenarioStructure(trap, FILE).map((p) => p.message)).toContain('回合 “b” 之后无论怎样都到不了结局（死循环）');
  });

  it('reports duplicate ids and later turns without customer lines', () => {
    const sc = withTurns(
      [turn({ id: 'a', customer: [], default: 'b' }), turn({ id: 'b', customer: [], default: 'deal' })],
      [...base.endings, { id: 'a', kind: 'leaves', text: '重复' }],
    );
    const messages = checkScenarioStructure(sc, FILE).map((p) => p.message);
    expect(messages).toEqual(expect.arrayContaining(['结局 id “a” 与其他回合或结局重复', '除第一个回合外，每个回合都要有顾客的话']));
  });
});

describe('scenarios in the content check', () => {
  const site = loadContent(FIXTURE_ROOT);
  const tmp = mkdtempSync(join(tmpdir(), 'chat-scenario-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('loadContent reads content/scenarios', () => {
    expect(site.scenarios?.map((s) => [s.id, s.file])).toEqual([['bargain-mini', 'content/scenarios/bargain-mini.yaml']]);
  });

  it('checks the workflow, track, standards, scripts and steps a scenario names', () => {
    const [sc] = site.scenarios ?? [];
    if (!sc) throw new Error('fixture scenario missing');
    const broken = {
      ...sc,
      track: 'nope-track',
      workflow: 'presales-reception',
      standards: ['nope-standard'],
      scripts: ['nope-script'],
      turns: sc.turns.map((t, i) =>
        i === 0 ? { ...t, step: 'nope-step', script: 'nope-script2', expect: [{ ...t.expect[0]!, standard: 'nope-kp' }] } : t,
      ),
    };
    const problems = checkReferences({ ...site, scenarios: [broken] }).map((p) => `${p.field}: ${p.message}`);
    expect(problems).toEqual([
      'track: 未知的路线 id “nope-track”',
      'standards[0]: 未知的标准 id “nope-standard”',
      'scripts[0]: 未知的话术 id “nope-script”',
      'turns[0].step: 流程 “presales-reception” 中没有步骤 “nope-step”',
      'turns[0].script: 未知的话术 id “nope-script2”',
      'turns[0].expect[0].standard: 未知的标准 id “nope-kp”',
    ]);
    expect(checkReferences({ ...site, scenarios: [{ ...sc, workflow: 'nope-flow' }] }).map((p) => p.message)).toEqual([
      '未知的流程 id “nope-flow”',
    ]);
  });

  it('a bad scenario file fails loadContent with the file and the field', () => {
    cpSync(FIXTURE_ROOT, tmp, { recursive: true });
    writeFileSync(join(tmp, 'content/scenarios/other-name.yaml'), 'id: bargain-mini\n' + 'x: [');
    writeFileSync(join(tmp, 'content/scenarios/wrong-id.yaml'), JSON.stringify({ ...base, id: 'not-the-file-name' }));
    try {
      loadContent(tmp);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ContentError);
      const problems = (err as ContentError).problems;
      expect(problems.find((p) => p.file === 'content/scenarios/other-name.yaml')?.message).toContain('YAML 语法错误');
      expect(problems.find((p) => p.file === 'content/scenarios/wrong-id.yaml')).toMatchObject({
        field: 'id',
        message: expect.stringContaining('应与文件名'),
      });
    }
  });
});
