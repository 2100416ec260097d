/**
 * Issue 12's attacks, each one a test that failed on the old behaviour: forged links and result
 * files, practice attempts counted as exams, copies under another name, one bad file blocking a
 * batch, and a CLI that hostile text could make lie on a terminal or hang.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeAssignment, encodeAssignment, MAX_CODE_CHARS, toWire } from '../../src/lib/training/assignment.ts';
import { crc32Hex, toBase64Url, utf8 } from '../../src/lib/training/codec.ts';
import { importResultFiles, regradeImports, clearKey } from '../../src/lib/training/regrade.ts';
import { traineeRows } from '../../src/lib/training/aggregate.ts';
import { terminalSafe } from '../../src/lib/text/terminal-safe.ts';
import { grading, makeAssignment, makeAttempt, makeFile, quiz, text } from './training-helpers.ts';
import { runSop } from './cli-helpers.ts';

const tmp = mkdtempSync(join(tmpdir(), 'hostile-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const write = (name: string, content: string) => {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
};
/** A link code with any compact JSON and a valid checksum (the checksum is public). */
const forge = (wire: unknown) => {
  const bytes = utf8(JSON.stringify(wire));
  return `1.${toBase64Url(bytes)}.${crc32Hex(bytes)}`;
};
const importOne = (files: Array<{ name: string; text: string }>, known?: ReturnType<typeof makeAssignment>[]) => {
  const { accepted, messages } = importResultFiles(
    files.map((f) => ({ name: f.name, size: f.text.length, text: f.text })),
    [],
  );
  const regraded = regradeImports(accepted, grading().ctx, known ? { knownAssignments: known } : {});
  return { accepted, messages, regraded, rows: traineeRows(regraded, grading().ctx) };
};

describe('links that must be refused with a message (nothing saved)', () => {
  const wire = toWire(makeAssignment());
  it.each([
    ['the same quiz twice', { ...wire, q: [wire.q![0], wire.q![0]] }, '出现了两次'],
    ['the same name twice', { ...wire, n: ['张三', '张三'] }, '学员 “张三” 出现了两次'],
    ['an absurd creation time (c = 9e15)', { ...wire, c: 9e15 }, '2000 年到 2100 年'],
    ['a due date before the creation day', { ...wire, d: '2026-05-01' }, '早于任务创建的日期'],
    ['a due date in the year 9999', { ...wire, d: '9999-12-31' }, '有效日期'],
    ['101 names', { ...wire, n: Array.from({ length: 101 }, (_, i) => `学员${i}`) }, '最多 100 人'],
  ])('%s', (_label, forged, message) => {
    const d = decodeAssignment(forge(forged));
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.message).toContain(message);
  });
  it('a huge code is refused before decoding', () => {
    const d = decodeAssignment(`1.${'A'.repeat(MAX_CODE_CHARS + 1)}.00000000`);
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.message).toContain('链接太长');
  });
});

describe('scores a trainer can trust', () => {
  it('a result re-encoded with pass mark 0 is flagged and not counted against the trainer’s own assignment', () => {
    const real = makeAssignment();
    const forgedA = { ...real, passMark: 0 };
    const { rows, regraded } = importOne([{ name: 'forged.json', text: text(makeFile({ assignment: forgedA })) }], [real]);
    expect(regraded[0]!.flags.map((f) => f.code)).toContain('assignment-edited');
    expect(regraded[0]!.flags[0]!.message).toContain('及格线 80 → 0');
    expect(rows[0]!.flagged).toBe(true);
    expect(rows[0]!.passed).toBe(false);
    expect(rows[0]!.done).toBe(0);
  });
  it('a result for an assignment the trainer never built is flagged and not counted', () => {
    const { rows, regraded } = importOne(
      [{ name: 'other.json', text: text(makeFile({ assignment: makeAssignment({ id: 'someoneelse1' }) })) }],
      [makeAssignment()],
    );
    expect(regraded[0]!.flags.map((f) => f.code)).toContain('foreign-assignment');
    expect(rows[0]!.flagged).toBe(true);
    expect(rows[0]!.done).toBe(0);
  });
  it('without known assignments (old CLI use) nothing is flagged as foreign', () => {
    const { regraded } = importOne([{ name: 'ok.json', text: text(makeFile()) }]);
    expect(regraded[0]!.flags).toEqual([]);
  });
  it('exam mode required: a practice attempt at 100 % does not count; the exam attempt does', () => {
    const a = makeAssignment({ examOnly: true });
    const q = quiz('cancel-order');
    const practice = makeAttempt(q, { seed: 7 });
    practice.mode = 'practice';
    const exam = makeAttempt(q, { seed: 8, startMs: Date.parse(a.createdAt) + 7_200_000, answers: {} });
    exam.result = undefined;
    const { rows, regraded } = importOne([{ name: 'p.json', text: text(makeFile({ assignment: a, attempts: [practice, exam] })) }], [a]);
    const flags = regraded[0]!.items.filter((i) => i.kind === 'quiz').map((i) => i.flags.map((f) => f.code));
    expect(flags[0]).toContain('practice');
    const quizRow = rows[0]!.items.find((i) => i.item.kind === 'quiz')!;
    expect(quizRow.best?.mode).toBe('exam');
    expect(quizRow.practice).toBe(1);
    expect(quizRow.best?.score).toBeLessThan(100);
  });
  it('a trainee’s file re-labelled with another trainee’s name is flagged as a copy on both sides', () => {
    const f = makeFile({ name: '张三' });
    const copy = { ...structuredClone(f), trainee: { ...f.trainee, name: '李四' } };
    const { rows, regraded } = importOne(
      [
        { name: 'zs.json', text: text(f) },
        { name: 'ls.json', text: text(copy) },
      ],
      [makeAssignment()],
    );
    for (const r of regraded) expect(r.items.some((i) => i.flags.some((x) => x.code === 'copy'))).toBe(true);
    expect(rows.every((r) => r.flagged && r.done === 0)).toBe(true);
  });
  it('one device under two names is flagged until the trainer clears it', () => {
    const a = makeAssignment();
    const one = makeFile({ name: '张三', device: 'sharedphone01' });
    const two = makeFile({ name: '李四', device: 'sharedphone01', attempts: [makeAttempt(quiz('cancel-order'), { seed: 99 })], chats: [] });
    const { accepted, regraded } = importOne(
      [
        { name: 'a.json', text: text(one) },
        { name: 'b.json', text: text(two) },
      ],
      [a],
    );
    expect(regraded.every((r) => r.flags.some((f) => f.code === 'shared-device'))).toBe(true);
    expect(regraded.flatMap((r) => r.items).every((i) => !i.counted)).toBe(true);
    const cleared = new Set(regraded.map((r) => clearKey(r, 'shared-device')));
    const again = regradeImports(accepted, grading().ctx, { knownAssignments: [a], cleared });
    expect(again.flatMap((r) => r.items).some((i) => i.counted)).toBe(true);
  });
});

describe('one bad file never blocks the others', () => {
  it('a batch with an absurd date (c = 9e15) imports the three good files and names the bad one', () => {
    const good = [1, 2, 3].map((i) => ({ name: `good${i}.json`, text: text(makeFile({ name: `学员${i}`, device: `device000000${i}` })) }));
    const badFile = makeFile();
    badFile.assignment.code = forge({ ...toWire(makeAssignment()), c: 9e15 });
    const { accepted, messages } = importOne([good[0]!, { name: 'bad.json', text: text(badFile) }, good[1]!, good[2]!]);
    expect(accepted.map((a) => a.fileName)).toEqual(['good1.json', 'good2.json', 'good3.json']);
    expect(messages.filter((m) => m.file === 'bad.json' && m.level === 'error')).toHaveLength(1);
  });
  it('deep nesting gets its own verdict', () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const { accepted, messages } = importOne([
      { name: 'deep.json', text: deep },
      { name: 'ok.json', text: text(makeFile()) },
    ]);
    expect(accepted).toHaveLength(1);
    expect(messages.some((m) => m.file === 'deep.json' && m.level === 'error')).toBe(true);
  });
});

describe('the CLI cannot be made to lie on a terminal or hang', () => {
  it('control characters in a group name are shown escaped; JSON stays exact', () => {
    const a = makeAssignment({ group: '新人组\u001b[2J\u001b[1A' });
    const path = write('esc.json', text(makeFile({ assignment: a })));
    const human = runSop('', ['regrade', path], 30_000);
    expect(human.stdout).not.toContain('\u001b');
    expect(human.stdout).toContain('\\x1b[2J');
    const json = runSop('', ['regrade', '--json', path], 30_000);
    expect(JSON.parse(json.stdout).files[0].assignment.group).toBe('新人组\u001b[2J\u001b[1A');
  }, 60_000);
  it('a FIFO and /dev/zero are refused before reading; the good file is still graded', () => {
    const fifo = join(tmp, 'pipe.json');
    const mk = spawnSync('mkfifo', [fifo]);
    const good = write('good.json', text(makeFile()));
    const args = ['regrade', '--json', good, '/dev/zero', ...(mk.status === 0 ? [fifo] : [])];
    const r = runSop('', args, 30_000);
    const out = JSON.parse(r.stdout) as { files: Array<{ file: string; ok: boolean; problems?: Array<{ message: string }> }> };
    expect(out.files.find((f) => f.file === good)?.ok).toBe(true);
    expect(out.files.find((f) => f.file === '/dev/zero')?.problems?.[0]?.message).toContain('不是普通文件');
    if (mk.status === 0) expect(out.files.find((f) => f.file === fifo)?.problems?.[0]?.message).toContain('管道');
  }, 60_000);
  it('--assignment flags results of other assignments', () => {
    const real = makeAssignment();
    const path = write('forged.json', text(makeFile({ assignment: { ...real, passMark: 0 } })));
    const r = runSop('', ['regrade', '--json', '--assignment', encodeAssignment(real), path], 30_000);
    const out = JSON.parse(r.stdout) as { trainees: Array<{ flagged: boolean; passed: boolean; flags: Array<{ code: string }> }> };
    expect(out.trainees[0]!.flagged).toBe(true);
    expect(out.trainees[0]!.passed).toBe(false);
    expect(out.trainees[0]!.flags.map((f) => f.code)).toContain('assignment-edited');
    expect(r.code).toBe(1);
  }, 60_000);
  it('terminalSafe escapes C0, C1 and bidi controls and keeps Chinese', () => {
    expect(terminalSafe('张三\u001b[31m\u009b\u202e\n')).toBe('张三\\x1b[31m\\x9b\\u202e\\x0a');
  });
});
