import { describe, expect, it } from 'vitest';
import { checkQuizStructure } from '../../src/lib/quiz/structure.ts';
import { checkReferences } from '../../src/lib/content/references.ts';
import { loadContent } from '../../src/lib/node/load-content.ts';
import type { Quiz } from '../../src/schemas/quiz.ts';
import { FIXTURE_ROOT, fixtureQuiz, makeQuiz, roleplay } from './quiz-helpers.ts';

const FILE = 'quizzes/test-quiz.yaml';
const opts = (...ids: string[]) => ids.map((id) => ({ id, text: `选项 ${id}` }));
const tf = { id: 'warm-up', type: 'truefalse', answer: true };

/** Problems of a quiz whose second question (questions[1]) is `question`. */
function check(question: Record<string, unknown>): Array<{ field: string; message: string }> {
  return checkQuizStructure(makeQuiz([tf, question]), FILE).map(({ file, field, message }) => {
    expect(file).toBe(FILE);
    return { field, message };
  });
}

/** A role-play as a plain object (so tests can break it in ways the builder does not allow). */
function rp(graph: Record<string, Array<[string, number, string]>>, start = Object.keys(graph)[0] as string, endings?: string[]) {
  return { ...roleplay(start, graph, endings), id: 'talk' } as unknown as Record<string, unknown>;
}
const ok: Record<string, Array<[string, number, string]>> = {
  a: [
    ['x', 1, 'b'],
    ['y', 0, 'end:bad'],
  ],
  b: [
    ['z', 2, 'end:good'],
    ['w', 0, 'end:meh'],
  ],
};

describe('checkQuizStructure', () => {
  it('finds nothing wrong in the fixture quizzes or a sound graph', () => {
    expect(checkQuizStructure(fixtureQuiz(), FILE)).toEqual([]);
    expect(checkQuizStructure(fixtureQuiz('first-reply-mini'), FILE)).toEqual([]);
    expect(check(rp(ok))).toEqual([]);
  });

  it('duplicate question ids', () => {
    expect(checkQuizStructure(makeQuiz([tf, tf]), FILE)).toEqual([
      { file: FILE, field: 'questions[1].id', message: '题目 id “warm-up” 重复（与 questions[0] 相同）' },
    ]);
  });

  it('duplicate option ids and texts, answers that are not options', () => {
    expect(check({ id: 's', type: 'single', options: [...opts('a', 'b'), { id: 'a', text: '选项 b' }], answer: 'c' })).toEqual([
      { field: 'questions[1].options[2].id', message: '选项 id “a” 重复（与 questions[1].options[0] 相同）' },
      { field: 'questions[1].options[2].text', message: '选项文字 “选项 b” 重复（与 questions[1].options[1] 相同）' },
      { field: 'questions[1].answer', message: '答案 “c” 不是本题的选项 id（可选：a、b、a）' },
    ]);
    expect(check({ id: 'm', type: 'multiple', options: opts('a', 'b', 'c'), answers: ['a', 'q', 'a'] })).toEqual([
      { field: 'questions[1].answers[1]', message: '答案 “q” 不是本题的选项 id（可选：a、b、c）' },
      { field: 'questions[1].answers[2]', message: '答案 “a” 重复' },
    ]);
  });

  it('ordering items with duplicate ids or texts', () => {
    expect(check({ id: 'o', type: 'ordering', items: [...opts('a', 'b'), { id: 'b', text: '选项 a' }] })).toEqual([
      { field: 'questions[1].items[2].id', message: '排序项 id “b” 重复（与 questions[1].items[1] 相同）' },
      { field: 'questions[1].items[2].text', message: '排序项文字 “选项 a” 重复（与 questions[1].items[0] 相同）' },
    ]);
  });

  it('a branch to a missing node', () => {
    expect(
      check(
        rp({
          ...ok,
          b: [
            ['z', 2, 'end:good'],
            ['w', 0, 'nowhere'],
          ],
        }),
      ),
    ).toEqual([
      { field: 'questions[1].nodes[1].choices[1].next', message: '没有 id 为 “nowhere” 的节点' },
      { field: 'questions[1].endings[2].id', message: '结局 “meh” 没有任何选项通向它' },
    ]);
  });

  it('a choice with neither next nor ending, or with both', () => {
    const q = rp(ok) as { nodes: Array<{ choices: Array<Record<string, unknown>> }> };
    delete q.nodes[1]?.choices[1]?.ending;
    const both = q.nodes[0]?.choices[1];
    if (both) both.next = 'b';
    expect(check(q)).toEqual([
      { field: 'questions[1].nodes[0].choices[1]', message: '选项 “y” 同时写了 next（“b”）和 ending（“bad”），只能写其中一个' },
      { field: 'questions[1].nodes[1].choices[1]', message: '选项 “w” 既没有 next 也没有 ending：选了它对话就断了' },
      { field: 'questions[1].endings[2].id', message: '结局 “meh” 没有任何选项通向它' },
    ]);
  });

  it('an ending id that does not exist, and an ending nobody reaches', () => {
    expect(
      check(
        rp({
          ...ok,
          b: [
            ['z', 2, 'end:good'],
            ['w', 0, 'end:happy'],
          ],
        }),
      ),
    ).toEqual([
      { field: 'questions[1].nodes[1].choices[1].ending', message: '没有 id 为 “happy” 的结局（endings 中有：good、bad、meh）' },
      { field: 'questions[1].endings[2].id', message: '结局 “meh” 没有任何选项通向它' },
    ]);
  });

  it('a loop with no way to an ending', () => {
    const graph: Record<string, Array<[string, number, string]>> = {
      a: [
        ['x', 1, 'b'],
        ['y', 0, 'end:bad'],
      ],
      b: [
        ['z', 2, 'c'],
        ['w', 0, 'end:good'],
      ],
      c: [
        ['again', 0, 'd'],
        ['more', 1, 'c'],
      ],
      d: [
        ['back', 0, 'c'],
        ['stay', 0, 'd'],
      ],
    };
    expect(check(rp(graph, 'a', ['good', 'bad']))).toEqual([
      { field: 'questions[1].nodes[2]', message: '节点 “c”、“d” 构成的循环走不到任何结局：进入后无论怎么选都出不去' },
    ]);
  });

  it('a loop with a way out is fine', () => {
    expect(
      check(
        rp(
          {
            a: [
              ['x', 1, 'b'],
              ['y', 0, 'end:bad'],
            ],
            b: [
              ['back', 0, 'a'],
              ['z', 2, 'end:good'],
            ],
          },
          'a',
          ['good', 'bad'],
        ),
      ),
    ).toEqual([]);
  });

  it('unreachable nodes and a missing start', () => {
    const graph = {
      ...ok,
      lonely: [
        ['p', 1, 'end:meh'],
        ['q', 1, 'end:good'],
      ] as Array<[string, number, string]>,
    };
    expect(check(rp(graph, 'a'))).toEqual([{ field: 'questions[1].nodes[2].id', message: '节点 “lonely” 从起点 “a” 走不到' }]);
    expect(check(rp(ok, 'begin'))).toEqual([{ field: 'questions[1].start', message: '起点 “begin” 不是任何节点的 id' }]);
  });

  it('duplicate node, choice and ending ids', () => {
    const q = rp(ok, 'a', ['good', 'bad', 'meh', 'good']) as { nodes: Array<Record<string, unknown> & { choices: Array<{ id: string }> }> };
    const first = q.nodes[0];
    if (first?.choices[1]) first.choices[1].id = 'x';
    q.nodes.push({ ...structuredClone(q.nodes[1]), id: 'a' } as (typeof q.nodes)[number]);
    expect(check(q)).toEqual([
      { field: 'questions[1].nodes[2].id', message: '节点 id “a” 重复（与 questions[1].nodes[0] 相同）' },
      { field: 'questions[1].endings[3].id', message: '结局 id “good” 重复（与 questions[1].endings[0] 相同）' },
      {
        field: 'questions[1].nodes[0].choices[1].id',
        message: '节点 “a” 中的选项 id “x” 重复（与 questions[1].nodes[0].choices[0] 相同）',
      },
    ]);
  });

  it('no path to an ending, or a best path worth nothing', () => {
    const stuck = check(
      rp(
        {
          a: [
            ['x', 1, 'b'],
            ['y', 1, 'a'],
          ],
          b: [
            ['z', 1, 'a'],
            ['w', 1, 'b'],
          ],
        },
        'a',
        ['good'],
      ),
    );
    expect(stuck).toContainEqual({ field: 'questions[1].start', message: '从起点 “a” 出发没有任何路径能走到结局' });
    expect(stuck).toContainEqual({
      field: 'questions[1].nodes[0]',
      message: '节点 “a”、“b” 构成的循环走不到任何结局：进入后无论怎么选都出不去',
    });
    expect(
      check(
        rp(
          {
            a: [
              ['x', 0, 'end:good'],
              ['y', -1, 'end:bad'],
            ],
          },
          'a',
          ['good', 'bad'],
        ),
      ),
    ).toEqual([{ field: 'questions[1]', message: '最佳路径（x）得分为 0，至少要有一条得分大于 0 的路径' }]);
  });
});

describe('checkReferences runs the structure check', () => {
  it('loads the fixture site cleanly and reports a broken quiz with its file', () => {
    const site = loadContent(FIXTURE_ROOT);
    expect(site.quizzes.map((q) => q.id)).toEqual(['first-reply-basics', 'first-reply-mini']);
    const broken = structuredClone(site.quizzes[0]) as Quiz & { file: string };
    const talk = broken.questions[5];
    if (talk?.type !== 'roleplay') throw new Error('fixture changed');
    const choice = talk.nodes[2]?.choices[0];
    if (choice) choice.next = 'gone';
    expect(checkReferences({ ...site, quizzes: [broken] })).toContainEqual({
      file: 'quizzes/first-reply-basics.yaml',
      field: 'questions[5].nodes[2].choices[0].next',
      message: '没有 id 为 “gone” 的节点',
    });
  });
});
