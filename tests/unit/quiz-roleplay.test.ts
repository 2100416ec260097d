import { describe, expect, it } from 'vitest';
import { bestRoleplayPath, walkRoleplay } from '../../src/lib/quiz/roleplay.ts';
import { gradeQuestion } from '../../src/lib/quiz/grade-question.ts';
import { fixtureQuiz, roleplay } from './quiz-helpers.ts';

const fixtureRoleplay = () => {
  const q = fixtureQuiz().questions.find((x) => x.type === 'roleplay');
  if (q?.type !== 'roleplay') throw new Error('fixture has no role-play');
  return q;
};

describe('bestRoleplayPath (max from the graph)', () => {
  it('finds the best path when the greedy choice is not on it', () => {
    // Greedy takes "big" (5) and ends; the best path takes "small" (1) then "great" (10).
    const q = roleplay('a', {
      a: [
        ['big', 5, 'end:meh'],
        ['small', 1, 'b'],
      ],
      b: [
        ['great', 10, 'end:good'],
        ['poor', 0, 'end:bad'],
      ],
    });
    const best = bestRoleplayPath(q);
    expect(best?.score).toBe(11);
    expect(best?.steps.map((s) => s.choice)).toEqual(['small', 'great']);
    expect(best?.ending).toBe('good');
  });

  it('fixture: greedy quick-discount → gift scores 4, the best path scores 7', () => {
    const q = fixtureRoleplay();
    const best = bestRoleplayPath(q);
    expect(best?.score).toBe(7);
    expect(best?.steps.map((s) => s.choice)).toEqual(['warm-greet', 'value-and-gift', 'confirm']);
    expect(walkRoleplay(q, ['quick-discount', 'gift']).total).toBe(4);
  });

  it('stays exact inside loops (the memo key carries the loop nodes already visited)', () => {
    // A ↔ B is a loop. Visiting A first must not hide the best route s → B → A → end (15).
    const q = roleplay('s', {
      s: [
        ['to-a', 0, 'a'],
        ['to-b', 5, 'b'],
      ],
      a: [
        ['a-end', 10, 'end:good'],
        ['a-b', 0, 'b'],
      ],
      b: [
        ['b-a', 0, 'a'],
        ['b-end', 0, 'end:bad'],
      ],
    });
    const best = bestRoleplayPath(q);
    expect(best?.score).toBe(15);
    expect(best?.steps.map((s) => s.choice)).toEqual(['to-b', 'b-a', 'a-end']);
  });

  it('never counts a loop twice: the best path visits each node once', () => {
    const q = roleplay('s', {
      s: [
        ['again', 2, 's'],
        ['stop', 1, 'end:good'],
      ],
    });
    expect(bestRoleplayPath(q)?.score).toBe(1);
  });

  it('is memoised: a 40-level graph with 2^40 paths is solved at once', () => {
    const graph: Record<string, Array<[string, number, string]>> = {};
    for (let i = 0; i < 40; i++) {
      const next = i === 39 ? 'end:good' : `n${i + 1}`;
      graph[`n${i}`] = [
        ['x', 1, next],
        ['y', i % 2, next],
        ['z', 0, 'end:bad'],
      ];
    }
    const started = performance.now();
    expect(bestRoleplayPath(roleplay('n0', graph))?.score).toBe(40);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('is undefined when no path reaches an ending', () => {
    expect(
      bestRoleplayPath(
        roleplay('a', {
          a: [
            ['x', 1, 'b'],
            ['y', 1, 'a'],
          ],
          b: [
            ['z', 1, 'a'],
            ['w', 1, 'b'],
          ],
        }),
      ),
    ).toBeUndefined();
  });

  it('treats a choice with both next and ending as ending there', () => {
    const q = roleplay('a', {
      a: [
        ['x', 1, 'end:good'],
        ['y', 0, 'b'],
      ],
      b: [
        ['z', 9, 'end:good'],
        ['w', 0, 'end:bad'],
      ],
    });
    const node = q.nodes[0];
    if (node?.choices[0]) node.choices[0].next = 'b';
    expect(bestRoleplayPath(q)?.score).toBe(9);
  });
});

describe('walkRoleplay', () => {
  it('sums the path, reports the ending and the standards honoured/broken (once each)', () => {
    const walk = walkRoleplay(fixtureRoleplay(), ['warm-greet', 'value-and-gift', 'ask-again', 'value-and-gift', 'confirm']);
    expect(walk.total).toBe(2 + 3 + 0 + 3 + 2);
    expect(walk.finished).toBe(true);
    expect(walk.ending?.id).toBe('order-placed');
    expect(walk.honoured).toEqual(['first-response-time', 'polite-phrases', 'discount-authority']);
    expect(walk.broken).toEqual([]);
    expect(walk.steps.map((s) => s.node)).toEqual(['greet', 'explain-value', 'close', 'explain-value', 'close']);
  });

  it('reports broken standards', () => {
    const walk = walkRoleplay(fixtureRoleplay(), ['quick-discount', 'agree-fifty']);
    expect(walk).toMatchObject({ total: 0, finished: true, honoured: ['first-response-time'], broken: ['discount-authority'] });
    expect(walk.ending?.title).toBe('成交但超权限让利');
  });

  it('stops at an unknown choice or a choice after the ending', () => {
    expect(walkRoleplay(fixtureRoleplay(), ['warm-greet', 'gift']).error?.message).toContain('节点 “explain-value” 没有选项 “gift”');
    expect(walkRoleplay(fixtureRoleplay(), ['ignore', 'warm-greet']).error?.message).toContain('已经结束');
  });
});

describe('gradeQuestion (roleplay)', () => {
  it('scores the path total against the computed max', () => {
    const r = gradeQuestion(fixtureRoleplay(), ['quick-discount', 'gift']);
    expect(r).toMatchObject({ type: 'roleplay', score: 4, max: 7, correct: false, total: 4, answered: true });
    expect(r.type === 'roleplay' && r.ending?.outcome).toBe('good');
    expect(r.type === 'roleplay' && r.bestPath).toEqual(['warm-greet', 'value-and-gift', 'confirm']);
    expect(gradeQuestion(fixtureRoleplay(), ['warm-greet', 'value-and-gift', 'confirm'])).toMatchObject({ score: 7, correct: true });
  });

  it('keeps a negative total at 0 and a looping total at max', () => {
    const r = gradeQuestion(fixtureRoleplay(), ['ignore']);
    expect(r).toMatchObject({ score: 0, max: 7, total: -2, correct: false });
    expect(r.type === 'roleplay' && r.ending?.id).toBe('customer-left');
    const loop = roleplay('s', {
      s: [
        ['again', 2, 's'],
        ['stop', 1, 'end:good'],
      ],
    });
    expect(gradeQuestion(loop, ['again', 'again', 'stop'])).toMatchObject({ score: 1, max: 1, total: 5, correct: true });
  });

  it('grades a path that has not reached an ending yet (saved half-way)', () => {
    const r = gradeQuestion(fixtureRoleplay(), ['warm-greet', 'value-and-gift']);
    expect(r).toMatchObject({ score: 5, max: 7, correct: false, ending: null });
    expect(gradeQuestion(fixtureRoleplay(), undefined)).toMatchObject({ score: 0, max: 7, answered: false });
  });
});
