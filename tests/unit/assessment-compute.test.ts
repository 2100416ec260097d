/** computeMonth: every rule of the monthly assessment (source 003) and the source's worked examples. */
import { describe, expect, it } from 'vitest';
import { computeMonth, formatPay, formatPoints, previousMonth, type EntryInput, type MonthInput } from '../../src/lib/assessment/index.ts';

const month = (over: Partial<MonthInput> = {}): MonthInput => ({ month: '2024-03', items: [], monthsEmployed: 6, ...over });
const run = (items: EntryInput[], over: Partial<MonthInput> = {}) => computeMonth(month({ items, ...over }));

describe('base, bonus and deductions', () => {
  it('a month with nothing entered is 80, grade B, pay unchanged', () => {
    const r = run([]);
    expect(r).toMatchObject({
      ok: true,
      base: 80,
      bonus: 0,
      deductions: 0,
      adjustment: 0,
      raw: 80,
      total: 80,
      grade: 'B',
      payChange: 0,
      capped: null,
    });
    expect(r.warnings).toEqual([]);
  });

  it('adds 5 per bonus item and occurrence', () => {
    const r = run([
      { id: 'top-performer', count: 1 },
      { id: 'cover-shift', count: 3 },
    ]);
    expect(r.bonus).toBe(20);
    expect(r.total).toBe(100);
    expect(r.lines.map((l) => [l.id, l.amount])).toEqual([
      ['top-performer', 5],
      ['cover-shift', 15],
    ]);
  });

  it('takes off light (fixed and range), medium 10 and severe 20 per occurrence', () => {
    const r = run([
      { id: 'no-mandarin', count: 1 },
      { id: 'late-early', count: 1, points: 4 },
      { id: 'missed-meeting', count: 1 },
      { id: 'absenteeism', count: 1 },
    ]);
    expect(r.deductions).toBe(2 + 4 + 10 + 20);
    expect(r.total).toBe(44);
  });

  it('lets the same range item be entered twice with different points', () => {
    const r = run([
      { id: 'late-early', count: 1, points: 2 },
      { id: 'late-early', count: 1, points: 5 },
    ]);
    expect(r.ok).toBe(true);
    expect(r.deductions).toBe(7);
  });

  it('accepts the fixed value when it is given', () => {
    expect(run([{ id: 'handover-record', count: 2, points: 5 }]).deductions).toBe(10);
  });

  it('spot-check errors count per error found', () => {
    expect(run([{ id: 'spot-check-error', count: 3, points: 3 }]).deductions).toBe(9);
  });
});

describe('duty-failure surcharge (追加扣分 20)', () => {
  it('is added once for two medium violations', () => {
    const r = run([
      { id: 'missed-meeting', count: 1 },
      { id: 'video-games', count: 1 },
    ]);
    expect(r.lines.at(-1)).toMatchObject({ id: 'duty-failure', derived: true, amount: -20, index: null });
    expect(r.deductions).toBe(40);
    expect(r.total).toBe(40);
  });

  it('counts items (條), not occurrences: one medium item twice does not trigger it', () => {
    expect(run([{ id: 'missed-meeting', count: 2 }]).deductions).toBe(20);
  });

  it('is added for four different light items, not for one item four times or three items', () => {
    expect(run([{ id: 'no-mandarin', count: 4 }]).lines.some((l) => l.id === 'duty-failure')).toBe(false);
    const three = run([
      { id: 'no-mandarin', count: 1 },
      { id: 'messy-desk', count: 1 },
      { id: 'cleaning-undone', count: 2 },
    ]);
    expect(three.lines.some((l) => l.id === 'duty-failure')).toBe(false);
    const four = run([
      { id: 'no-mandarin', count: 1 },
      { id: 'messy-desk', count: 1 },
      { id: 'cleaning-undone', count: 1 },
      { id: 'off-topic-chat', count: 1, points: 1 },
    ]);
    expect(four.deductions).toBe(2 + 2 + 2 + 1 + 20);
  });

  it('is added once even when both conditions hold', () => {
    const r = run([
      { id: 'missed-meeting', count: 1 },
      { id: 'video-games', count: 1 },
      { id: 'no-mandarin', count: 1 },
      { id: 'messy-desk', count: 1 },
      { id: 'cleaning-undone', count: 1 },
      { id: 'handover-record', count: 1 },
    ]);
    expect(r.lines.filter((l) => l.id === 'duty-failure')).toHaveLength(1);
    expect(r.deductions).toBe(10 + 10 + 2 + 2 + 2 + 5 + 20);
  });

  it('severe and dismissal items do not count towards it', () => {
    expect(run([{ id: 'absenteeism', count: 3 }]).deductions).toBe(60);
  });

  it('cannot be entered by hand', () => {
    const r = run([{ id: 'duty-failure', count: 1 }]);
    expect(r.ok).toBe(false);
    expect(r.errors[0]!.message).toContain('自动追加');
    expect(r.total).toBe(80);
  });
});

describe('cap at 110 and floor at 0', () => {
  it('counts a month above 110 as 110', () => {
    const r = run([
      { id: 'cover-shift', count: 5 },
      { id: 'extra-work', count: 2 },
    ]); // 80 + 35
    expect(r.raw).toBe(115);
    expect(r.total).toBe(110);
    expect(r.capped).toBe('max');
    expect(r.grade).toBe('A');
    expect(r.payChange).toBe(300);
  });

  it('110 exactly is not capped', () => {
    const r = run([{ id: 'cover-shift', count: 6 }]);
    expect([r.raw, r.total, r.capped]).toEqual([110, 110, null]);
  });

  it('never goes below 0', () => {
    const r = run([{ id: 'absenteeism', count: 5 }]);
    expect([r.raw, r.total, r.capped, r.grade]).toEqual([-20, 0, 'min', 'F']);
  });

  it('applies the cap after the adjustment', () => {
    const r = run([{ id: 'cover-shift', count: 6 }], { leader: true, adjustment: { value: 5, reason: '带新人' } });
    expect([r.raw, r.total]).toEqual([115, 110]);
  });
});

describe('grade (gradeFor, lower bound included)', () => {
  it.each([
    [[{ id: 'cover-shift', count: 3 }], 95, 'A'],
    [[{ id: 'cover-shift', count: 2 }], 90, 'B'],
    [[], 80, 'B'],
    [[{ id: 'handover-record', count: 2 }], 70, 'C'],
    [[{ id: 'handover-record', count: 3 }], 65, 'D'],
    [[{ id: 'absenteeism', count: 1 }], 60, 'E'],
    [
      [
        { id: 'absenteeism', count: 1 },
        { id: 'no-mandarin', count: 1 },
      ],
      58,
      'F',
    ],
  ] as const)('%j → %i %s', (items, total, grade) => {
    const r = run(items.map((i) => ({ ...i })));
    expect(r.total).toBe(total);
    expect(r.grade).toBe(grade);
  });
});

describe('pay: 10 yuan a point around 80, ±300, not in the first two months', () => {
  // 「舉例: 甲員工本月考核分為80分,則當月工資不變。乙 91分,增加110元。丙 68分,扣除120元。」
  it('source example 甲: 80 → unchanged', () => {
    const r = run([]);
    expect([r.total, r.payChange]).toEqual([80, 0]);
    expect(formatPay(r.payChange)).toBe('0 元');
  });

  it('source example 乙: 91 → +110 yuan', () => {
    const r = run([{ id: 'cover-shift', count: 2 }], { leader: true, adjustment: { value: 1, reason: '组内整体表现好' } });
    expect([r.total, r.grade, r.payChange]).toEqual([91, 'A', 110]);
    expect(formatPay(r.payChange)).toBe('+110 元');
  });

  it('source example 丙: 68 → −120 yuan', () => {
    const r = run([
      { id: 'handover-record', count: 2 },
      { id: 'messy-desk', count: 1 },
    ]);
    expect([r.total, r.grade, r.payChange]).toEqual([68, 'D', -120]);
    expect(formatPay(r.payChange)).toBe('−120 元');
  });

  it('source example 丁: below 60 → may end the contract', () => {
    const r = run([
      { id: 'absenteeism', count: 1 },
      { id: 'no-mandarin', count: 1 },
    ]);
    expect(r.total).toBe(58);
    expect(r.warnings.map((w) => w.kind)).toEqual(['below-60']);
  });

  it('caps the pay change at +300 and −300', () => {
    const high = run([{ id: 'cover-shift', count: 6 }]); // 110 → +300 exactly
    expect(high.payChange).toBe(300);
    const low = run([{ id: 'absenteeism', count: 2 }]); // 40 → −400 → −300
    expect([low.total, low.payUncapped, low.payChange]).toEqual([40, -400, -300]);
    const edge = run([{ id: 'handover-record', count: 6 }]); // 50 → −300 exactly
    expect(edge.payChange).toBe(-300);
  });

  it('does not change the pay in the first two months, from the third on it does', () => {
    const items: EntryInput[] = [{ id: 'cover-shift', count: 2 }];
    expect(run(items, { monthsEmployed: 1 })).toMatchObject({ total: 90, payFloats: false, payChange: 0, payUncapped: 100 });
    expect(run(items, { monthsEmployed: 2 })).toMatchObject({ payFloats: false, payChange: 0 });
    expect(run(items, { monthsEmployed: 3 })).toMatchObject({ payFloats: true, payChange: 100 });
    // a low score in month 2: still only scored, and still warned
    const low = run([{ id: 'absenteeism', count: 2 }], { monthsEmployed: 2 });
    expect([low.payChange, low.warnings[0]!.kind]).toEqual([0, 'below-60']);
  });

  it('formats points with a real minus sign', () => {
    expect([formatPoints(5), formatPoints(-20), formatPoints(0)]).toEqual(['+5', '−20', '0']);
  });
});

describe('the adjustment is for group leaders only (source 003: 培训专员 judges 各组长)', () => {
  it('is refused, with a message, for someone who is not a group leader', () => {
    const r = run([], { adjustment: { value: 3, reason: '表现好' } });
    expect(r.adjustment).toBe(0);
    expect(r.errors[0]).toMatchObject({ field: 'adjustment.value', message: expect.stringContaining('只给组长') });
    expect(run([], { leader: true, adjustment: { value: 3, reason: '表现好' } }).adjustment).toBe(3);
  });
});

describe('trainer adjustment −5 … +5 with a reason', () => {
  it('counts an adjustment with a reason', () => {
    const r = run([], { leader: true, adjustment: { value: -5, reason: '本组交接混乱' } });
    expect([r.ok, r.adjustment, r.total]).toEqual([true, -5, 75]);
  });

  it('refuses an adjustment without a reason (blank counts as none)', () => {
    for (const reason of ['', '   ']) {
      const r = run([], { leader: true, adjustment: { value: 3, reason } });
      expect(r.ok).toBe(false);
      expect(r.adjustment).toBe(0);
      expect(r.total).toBe(80);
      expect(r.errors).toEqual([{ field: 'adjustment.reason', message: '额外奖惩必须写明理由，没有理由的加减分不计入。' }]);
    }
  });

  it('needs no reason for 0', () => {
    expect(run([], { adjustment: { value: 0, reason: '' } }).ok).toBe(true);
  });

  it.each([6, -6, 2.5, 100])('refuses %s', (value) => {
    const r = run([], { leader: true, adjustment: { value, reason: '理由' } });
    expect(r.errors[0]!.field).toBe('adjustment.value');
    expect(r.errors[0]!.message).toContain('-5 到 +5');
    expect(r.adjustment).toBe(0);
  });
});

describe('dismissal warnings', () => {
  it('warns below 60, not at 60', () => {
    expect(run([{ id: 'absenteeism', count: 1 }]).warnings).toEqual([]);
    const r = run([
      { id: 'absenteeism', count: 1 },
      { id: 'off-topic-chat', count: 1, points: 1 },
    ]);
    expect(r.total).toBe(59);
    expect(r.warnings).toEqual([{ kind: 'below-60', message: '本月 59 分，低于 60 分：公司有权解除劳动合同。' }]);
  });

  const low: EntryInput[] = [{ id: 'handover-record', count: 3 }]; // 65
  const prev = (score: number, lastPlace = true, m = '2024-02') => [{ month: m, score, lastPlace }];

  it('warns after two months running in last place below 70', () => {
    const r = run(low, { lastPlace: true, history: prev(69) });
    expect(r.total).toBe(65);
    expect(r.warnings).toEqual([
      { kind: 'last-place-twice', message: '连续两个月全组最后一名且低于 70 分（上月 69 分，本月 65 分）：公司有权解除劳动合同。' },
    ]);
  });

  it('does not warn when one of the conditions is missing', () => {
    expect(run(low, { lastPlace: false, history: prev(60) }).warnings).toEqual([]); // not last this month
    expect(run(low, { lastPlace: true, history: prev(60, false) }).warnings).toEqual([]); // not last last month
    expect(run(low, { lastPlace: true, history: prev(70) }).warnings).toEqual([]); // 70 is not below 70
    expect(run([{ id: 'handover-record', count: 2 }], { lastPlace: true, history: prev(60) }).warnings).toEqual([]); // 70 this month
    expect(run(low, { lastPlace: true }).warnings).toEqual([]); // no history
    expect(run(low, { lastPlace: true, history: prev(60, true, '2024-01') }).warnings).toEqual([]); // not the month before
  });

  it('finds the month before across a year', () => {
    const r = run(low, { month: '2024-01', lastPlace: true, history: prev(50, true, '2023-12') });
    expect(r.warnings.map((w) => w.kind)).toEqual(['last-place-twice']);
    expect(previousMonth('2024-01')).toBe('2023-12');
    expect(previousMonth('2024-10')).toBe('2024-09');
    expect(previousMonth('2024-13')).toBeNull();
  });

  it('without a month, uses the latest history entry', () => {
    const history = [
      { month: '2024-02', score: 60, lastPlace: true },
      { month: '2023-11', score: 90, lastPlace: false },
    ];
    expect(computeMonth({ items: low, monthsEmployed: 6, lastPlace: true, history }).warnings.map((w) => w.kind)).toEqual([
      'last-place-twice',
    ]);
  });

  it('gives both warnings when both hold', () => {
    const r = run([{ id: 'absenteeism', count: 2 }], { lastPlace: true, history: prev(55) });
    expect(r.warnings.map((w) => w.kind)).toEqual(['below-60', 'last-place-twice']);
  });

  it('warns on a dismissal item and takes no points for it', () => {
    const r = run([
      { id: 'sleeping', count: 1 },
      { id: 'abuse-of-power', count: 1 },
    ]);
    expect(r.total).toBe(80);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]!.kind).toBe('dismissal-item');
    expect(r.warnings[0]!.message).toContain('上班时间睡觉');
    expect(r.warnings[0]!.message).toContain('并追究责任');
  });
});

describe('validation', () => {
  it('refuses an unknown item id and leaves it out', () => {
    const r = run([
      { id: 'no-such-item', count: 1 },
      { id: 'cover-shift', count: 1 },
    ]);
    expect(r.ok).toBe(false);
    expect(r.errors).toEqual([{ field: 'items.0.id', message: '第 1 项：没有编号为“no-such-item”的考核项。' }]);
    expect(r.total).toBe(85);
  });

  it.each([0, -1, 1.5])('refuses count %s', (count) => {
    const r = run([{ id: 'cover-shift', count }]);
    expect(r.errors[0]).toMatchObject({ field: 'items.0.count' });
    expect(r.errors[0]!.message).toContain('正整数');
    expect(r.total).toBe(80);
  });

  it('refuses a count above the monthly limit, across entries', () => {
    expect(run([{ id: 'exam-full-marks', count: 2 }]).errors[0]!.message).toContain('每月最多记 1 次');
    const r = run([
      { id: 'zero-complaints', count: 1 },
      { id: 'zero-complaints', count: 1 },
    ]);
    expect(r.errors.map((e) => e.field)).toEqual(['items.1.count']);
    expect(r.bonus).toBe(5);
  });

  it('refuses points outside the range, not whole, or missing for a range', () => {
    expect(run([{ id: 'late-early', count: 1, points: 6 }]).errors[0]).toEqual({
      field: 'items.0.points',
      message: '“迟到、早退”的分值必须是 2-5 之间的整数，不能填 6 分。',
    });
    expect(run([{ id: 'late-early', count: 1, points: 1 }]).errors).toHaveLength(1);
    expect(run([{ id: 'late-early', count: 1, points: 2.5 }]).errors).toHaveLength(1);
    expect(run([{ id: 'late-early', count: 1 }]).errors[0]!.message).toBe('请为“迟到、早退”在 2-5 分之间选一个分值。');
    expect(run([{ id: 'absenteeism', count: 1, points: 10 }]).errors[0]!.message).toBe('“旷工”固定为每次 20 分，不能填 10 分。');
    expect(run([{ id: 'sleeping', count: 1, points: 5 }]).errors[0]!.message).toContain('不记分值');
  });

  it('refuses non-finite numbers everywhere', () => {
    const r = computeMonth({
      month: '2024-03',
      items: [
        { id: 'cover-shift', count: Number.NaN },
        { id: 'late-early', count: 1, points: Number.POSITIVE_INFINITY },
        { id: 'extra-work', count: '2' as unknown as number },
      ],
      adjustment: { value: Number.NaN, reason: 'x' },
      monthsEmployed: Number.NEGATIVE_INFINITY,
      history: [{ month: '2024-02', score: Number.NaN, lastPlace: true }],
    });
    expect(r.errors.map((e) => e.field)).toEqual([
      'items.0.count',
      'items.1.points',
      'items.2.count',
      'adjustment.value',
      'monthsEmployed',
      'history.0.score',
    ]);
    for (const e of r.errors) expect(e.message).toContain('不是有效的数字');
    expect([r.total, r.payChange, r.payFloats]).toEqual([80, 0, false]);
    expect(Number.isFinite(r.total)).toBe(true);
  });

  it('refuses months employed that is not a positive integer', () => {
    for (const monthsEmployed of [0, -2, 2.5]) {
      const r = run([{ id: 'cover-shift', count: 2 }], { monthsEmployed });
      expect(r.errors).toEqual([{ field: 'monthsEmployed', message: '入职月数必须是正整数：入职当月填 1。' }]);
      expect(r.payChange).toBe(0);
    }
  });

  it('refuses a malformed month and history outside 0 … 110', () => {
    expect(run([], { month: '2024-3' }).errors[0]!.field).toBe('month');
    const r = run([], { history: [{ month: '2024/02', score: 120, lastPlace: true }] });
    expect(r.errors.map((e) => e.field)).toEqual(['history.0.month', 'history.0.score']);
  });

  it('refuses 全组第一且无违规 together with a violation (the violation stands)', () => {
    const r = run([
      { id: 'top-performer', count: 1 },
      { id: 'no-mandarin', count: 1 },
    ]);
    expect(r.errors).toEqual([
      { field: 'items.0.id', message: '“当月工作量、工作质量都是全体客服第一，并且没有违规”不能和违规记录记在同一个月，此加分未计入。' },
    ]);
    expect([r.bonus, r.deductions]).toEqual([0, 2]);
  });

  it('refuses 有效投诉为零 together with a valid complaint', () => {
    const r = run([
      { id: 'zero-complaints', count: 1 },
      { id: 'customer-argument', count: 1 },
    ]);
    expect(r.errors[0]!.message).toContain('当月有效投诉为零');
    expect(r.total).toBe(60);
  });

  it('never throws on junk', () => {
    expect(() =>
      computeMonth({ items: null as unknown as EntryInput[], monthsEmployed: 3, history: [null as unknown as never] }),
    ).not.toThrow();
    expect(() => computeMonth({ items: [null as unknown as EntryInput], monthsEmployed: 3 })).not.toThrow();
  });
});
