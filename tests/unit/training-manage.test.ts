/**
 * Assignment management (AssignBuilder, issue 11.5): an earlier assignment's link and QR code
 * shown again; the due date changed and trainees added under the same id (the old link kept in the
 * history so files made with it count on the dashboard, unflagged, with the new due date);
 * archived assignments leave the list and the dashboard's roster.
 */
import { describe, expect, it } from 'vitest';
import { AssignBuilder } from '../../src/components/trainer/assign-builder.svelte.ts';
import { Dashboard } from '../../src/components/trainer/dashboard.svelte.ts';
import { MemoryDeviceStore } from '../../src/components/state/device-store.ts';
import type { Catalogue } from '../../src/components/trainer/catalogue.ts';
import { decodeAssignment } from '../../src/lib/training/assignment.ts';
import { quizHash } from '../../src/lib/quiz/hash.ts';
import { scenarioHash } from '../../src/lib/training/grading.ts';
import { grading, makeAttempt, makeChat, makeFile, quiz, scenario, text } from './training-helpers.ts';

function catalogue(): Catalogue {
  const { ctx } = grading();
  const common = { track: 'ecommerce', description: '', tags: [] as string[] };
  return {
    siteVersion: ctx.siteVersion,
    tracks: [{ id: 'ecommerce', title: '电商客服' }],
    items: [
      ...[...ctx.quizzes.values()].map((q) => ({
        ...common,
        kind: 'quiz' as const,
        id: q.id,
        title: q.title,
        version: q.version,
        hash: quizHash(q),
        workflow: q.workflow,
        workflowTitle: q.workflow,
        size: q.questions.length,
        passMark: q.passMark,
      })),
      ...[...ctx.scenarios.values()].map((s) => ({
        ...common,
        kind: 'chat' as const,
        id: s.id,
        title: s.title,
        version: s.version,
        hash: scenarioHash(s),
        workflow: s.workflow,
        workflowTitle: s.workflow,
        size: s.turns.length,
        passMark: 60,
      })),
    ],
  } as unknown as Catalogue;
}

const NOW = new Date('2026-06-01T02:00:00Z');

describe('assignment management', () => {
  it('shows an earlier link again, changes the due date and adds names under the same id, archives', async () => {
    const store = new MemoryDeviceStore();
    const b = new AssignBuilder({ store, catalogue: catalogue(), origin: 'https://sop.example.com', now: () => NOW, random: () => 0.5 });
    await b.load();
    b.toggle('quiz:cancel-order');
    b.toggle('chat:bargain-repeat');
    b.group = '6月第1周';
    b.passMark = 80;
    b.traineesText = '张三\n李四';
    b.due = '2026-06-03';
    const first = (await b.generate())!;
    b.generated = null;

    const shown = b.show(b.recent[0]!);
    expect(shown.url).toBe(first.url);
    expect(shown.qr).toContain('<svg');

    b.startEdit(b.recent[0]!);
    b.editing!.due = '2026-05-01';
    expect(await b.saveEdit()).toBeNull();
    expect(b.editErrors).toEqual(['截止日期早于今天']);
    b.editing!.due = '2026-06-10';
    b.editing!.add = '王五\n张三';
    const changed = (await b.saveEdit())!;
    const decoded = decodeAssignment(changed.code);
    expect(decoded.ok && decoded.assignment).toMatchObject({
      id: first.assignment.id,
      due: '2026-06-10',
      trainees: ['张三', '李四', '王五'],
    });
    expect(b.recent).toHaveLength(1);
    expect(await store.get('meta', 'trainer-history')).toEqual({ id: 'trainer-history', codes: { [first.assignment.id]: [first.code] } });

    // A file made with the first link, finished after its due date but before the new one.
    const late = Date.parse('2026-06-05T02:00:00Z');
    const file = makeFile({
      assignment: first.assignment,
      attempts: [makeAttempt(quiz('cancel-order'), { startMs: late })],
      chats: [makeChat(scenario('bargain-repeat'), { startMs: late + 3600_000 })],
      exportMs: late + 86_400_000,
    });
    const d = new Dashboard({ store, loadData: async () => grading().data, now: () => new Date('2026-06-06T00:00:00Z') });
    await d.load();
    await d.importFiles([{ name: 'zhang.json', size: 1, text: async () => text(file) }]);
    const row = d.rows.find((r) => r.name === '张三')!;
    expect(row.flagged).toBe(false);
    expect(row.late).toBe(false);
    expect(row.assignment.due).toBe('2026-06-10');
    expect(d.roster.map((r) => [r.name, r.status])).toEqual([
      ['张三', 'passed'],
      ['李四', 'not-started'],
      ['王五', 'not-started'],
    ]);

    await b.setArchived(first.assignment.id, true);
    expect(b.shownRecent).toEqual([]);
    b.showArchived = true;
    expect(b.shownRecent).toHaveLength(1);
    const again = new Dashboard({ store, loadData: async () => grading().data, now: () => new Date('2026-06-06T00:00:00Z') });
    await again.load();
    expect(again.roster).toEqual([]);
  });
});
