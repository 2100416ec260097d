/**
 * The item catalogue of the monthly assessment (客服考核与奖惩), as data: every bonus item and
 * every deduction item of source 003 (「三、扣分標準」 light / medium / severe), with the labels of
 * the site page content/workflows/assessment-rewards.mdx (the same rows, in the same order).
 *
 * Points are per occurrence and always positive here; the level says whether they are added
 * (bonus) or taken off (light, medium, severe). Where the source gives a range ("2-5分/次") the
 * item has min < max and the supervisor picks a value within it; otherwise min = max.
 *
 * - `maxCount: 1`: the item can happen at most once in a month (the state of the month, not an
 *   event): top of the team, full marks in the monthly exam, zero valid complaints.
 * - `derived`: the engine adds it itself (the 20-point surcharge for failing one's duties when a
 *   month has two or more medium or four or more light violations); it cannot be entered.
 * - level `dismissal`: no points, the source says 直接辭退 (dismissal without scoring).
 * - `conflicts`: items that cannot be entered in the same month as this one (the source's own
 *   wording: "並且無違規事件", "有效投訴率為零" against a valid complaint).
 */

/** `per` of an item counted per occurrence (the other kind counts errors found). */
export const PER_TIME = '次';

export type ItemLevel = 'bonus' | 'light' | 'medium' | 'severe' | 'dismissal';

export interface AssessmentItem {
  /** Stable id (kebab-case), used in saved months and URLs. */
  readonly id: string;
  readonly level: ItemLevel;
  /** Chinese label, as on the site page. */
  readonly label: string;
  /** Points per occurrence (positive); min = max for a fixed value, 0 for dismissal items. */
  readonly min: number;
  readonly max: number;
  /** What one occurrence is: 次 (time) or 处错误 (error found in a spot check). */
  readonly per: typeof PER_TIME | '处错误';
  /** Highest count in a month (absent: no limit). */
  readonly maxCount?: number;
  /** Computed by the engine, never entered. */
  readonly derived?: boolean;
  /** Extra consequence shown next to the points (照价赔偿, 追究责任 …). */
  readonly note?: string;
  /** Ids that cannot be entered with this item; `'*deductions'` = any light/medium/severe/dismissal item. */
  readonly conflicts?: readonly string[];
}

/** Points of each bonus item (「二、加分標準」: 5分 each). */
export const BONUS_POINTS = 5;
/** Points of a medium violation (「中度違規」: 10分/次). */
export const MEDIUM_POINTS = 10;
/** Points of a severe violation (「重度違規」: 20分/次). */
export const SEVERE_POINTS = 20;
/** Id of the surcharge the engine adds when the month has too many violations. */
export const DUTY_FAILURE_ID = 'duty-failure';

const bonus = (id: string, label: string, extra: Partial<AssessmentItem> = {}): AssessmentItem => ({
  id,
  level: 'bonus',
  label,
  min: BONUS_POINTS,
  max: BONUS_POINTS,
  per: '次',
  ...extra,
});
const light = (id: string, label: string, min: number, max = min, extra: Partial<AssessmentItem> = {}): AssessmentItem => ({
  id,
  level: 'light',
  label,
  min,
  max,
  per: '次',
  ...extra,
});
const medium = (id: string, label: string): AssessmentItem => ({
  id,
  level: 'medium',
  label,
  min: MEDIUM_POINTS,
  max: MEDIUM_POINTS,
  per: '次',
});
const severe = (id: string, label: string, extra: Partial<AssessmentItem> = {}): AssessmentItem => ({
  id,
  level: 'severe',
  label,
  min: SEVERE_POINTS,
  max: SEVERE_POINTS,
  per: '次',
  ...extra,
});
const dismissal = (id: string, label: string, note?: string): AssessmentItem => ({
  id,
  level: 'dismissal',
  label,
  min: 0,
  max: 0,
  per: '次',
  ...(note ? { note } : {}),
});

/** Every item, in the order of the source and the site page. */
export const ITEMS: readonly AssessmentItem[] = [
  // 二、加分標準 (each +5)
  bonus('top-performer', '当月工作量、工作质量都是全体客服第一，并且没有违规', { maxCount: 1, conflicts: ['*deductions'] }),
  bonus('exam-full-marks', '客服考试得满分', { maxCount: 1 }),
  bonus('cover-shift', '突发情况或活动期间人手不够，随叫随到、主动来公司顶班'),
  bonus('extra-work', '做好本职工作之外，完成上级交办的额外工作'),
  bonus('zero-complaints', '当月有效投诉为零', { maxCount: 1, conflicts: ['customer-argument'] }),
  bonus('adopted-suggestion', '对客服团队管理提出合理化建议，试行后效果理想'),

  // 三、扣分標準 1. 輕度違規
  light('no-mandarin', '工作时间不讲普通话', 2),
  light('messy-desk', '交接班后自己的办公桌面凌乱', 2),
  light('cleaning-undone', '值日人员下班后没有做完打扫卫生', 2),
  light('late-early', '迟到、早退', 2, 5),
  light('handover-record', '没有认真记录、填写交接班记录和相关表单', 5),
  light('complaint-reply', '当班时没有及时回复顾客申诉，或回复时不耐心、不友好', 5),
  light('desk-absence', '当班时离开岗位超过 5 分钟，没有告知上级', 5),
  light('slow-execution', '没有及时、有效地执行客服工作', 2, 5),
  light('off-topic-chat', '上班时间谈论与本职工作无关的事', 1, 2),
  light('loud-noise', '在办公区大声喧哗，影响别人工作', 2),
  light('eating-smoking', '在办公区抽烟、吃饭，或吃膨化食品、瓜子等零食', 5),
  light('data-entry-error', '客服信息录入错误', 2),
  light('incident-late-10', '突发事件超出流程控制时间 1-10 分钟才处理', 5),
  light('spot-check-error', '主管随机抽查发现错误', 2, 5, { per: '处错误' }),

  // 2. 中度違規 (each 10)
  medium('video-games', '工作时间看在线视频、电影或玩游戏'),
  medium('false-workload', '表单记录的数据与实际工作量严重不符，虚报工作量'),
  medium('unreported-anomaly', '当班出现异常情况没有及时反映，或知情不报'),
  medium('unauthorised-software', '未经主管批准，私自在工作电脑上下载、安装软件'),
  medium('skipped-records', '私自跳过没处理的问题或其他工作记录'),
  medium('missed-meeting', '未请假缺席部门例会'),
  medium('exam-below-60', '客服考试低于 60 分'),
  medium('incident-late-30', '突发事件超出流程控制时间 11-30 分钟才处理'),

  // 3. 重度違規 (each 20, or dismissal)
  severe('absenteeism', '旷工'),
  severe('customer-argument', '当班时与顾客发生口角、争执或冲突（构成有效投诉）'),
  severe('outsider-in-workarea', '把非公司人员带进工作区'),
  severe('equipment-removed', '未经允许拆下公司设备带出公司', { note: '并照价赔偿' }),
  severe(DUTY_FAILURE_ID, '当月没有履行好客服职责（中度违规两条以上，或轻度违规四条以上）', {
    derived: true,
    maxCount: 1,
    note: '追加扣分',
  }),
  severe('incident-late-over-30', '突发事件超出流程控制时间 30 分钟以上才处理'),
  dismissal('sleeping', '上班时间睡觉'),
  dismissal('phone-off-hook', '上班时间把客服电话挂起，导致顾客打不进来'),
  dismissal('cliques', '拉帮结派、搞小团体，破坏团队、影响其他员工情绪'),
  dismissal('abuse-of-power', '利用职权徇私舞弊', '并追究责任'),
];

const BY_ID: ReadonlyMap<string, AssessmentItem> = new Map(ITEMS.map((item) => [item.id, item]));

/** The item with this id, or undefined. */
export function itemById(id: string): AssessmentItem | undefined {
  return BY_ID.get(id);
}

/** Chinese names of the levels, for headings and messages. */
export const LEVEL_LABELS: Readonly<Record<ItemLevel, string>> = {
  bonus: '加分项',
  light: '轻度违规',
  medium: '中度违规',
  severe: '重度违规',
  dismissal: '直接辞退',
};

/** Levels whose items are violations (take points off or dismiss). */
export const VIOLATION_LEVELS: readonly ItemLevel[] = ['light', 'medium', 'severe', 'dismissal'];

/** "5 分", "2-5 分", "直接辞退": the points of an item as the page shows them. */
export function pointsText(item: AssessmentItem): string {
  if (item.level === 'dismissal') return '直接辞退';
  return item.min === item.max ? `${item.min} 分` : `${item.min}-${item.max} 分`;
}
