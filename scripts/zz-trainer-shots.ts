/** Temporary: screenshots of the trainer pages in filled states (deleted after use). */
import { chromium, type Page } from 'playwright';
import { mkdirSync, readFileSync } from 'node:fs';
import { serveDist } from './serve-dist.ts';
import { gradingContext, scenarioHash, type GradingData } from '../src/lib/training/grading.ts';
import { newAttempt } from '../src/lib/quiz/attempt.ts';
import { gradeAttempt } from '../src/lib/quiz/grade-attempt.ts';
import { scoreChat } from '../src/lib/chat/score.ts';
import { buildResultFile } from '../src/lib/training/result-file.ts';
import { encodeAssignment, type Assignment } from '../src/lib/training/assignment.ts';
import { bestRoleplayPath } from '../src/lib/quiz/roleplay.ts';

const out = '/tmp/trainer-shots';
mkdirSync(out, { recursive: true });
const data = JSON.parse(readFileSync('dist/trainer/grading.json', 'utf8')) as GradingData;
const ctx = gradingContext(data);
const server = await serveDist(0);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const shot = async (page: Page, name: string, full = true) => page.screenshot({ path: `${out}/${name}.png`, fullPage: full });

const now = Date.now();
const a: Assignment = {
  id: 'shot000001', group: '6月第2周新人组', trainer: '王老师', createdAt: new Date(now - 2 * 86_400_000).toISOString().replace(/\.\d+Z$/, '.000Z'),
  due: new Date(now + 4 * 86_400_000).toISOString().slice(0, 10), tz: 480, passMark: 80,
  items: [
    { kind: 'quiz', id: 'presales-reception-bargain', version: 1 }, { kind: 'quiz', id: 'cancel-order', version: 1 },
    { kind: 'chat', id: 'bargain-repeat', version: 1 }, { kind: 'chat', id: 'shipping-where', version: 1 },
  ],
  trainees: ['张三', '李四', '王五'], note: '周五下班前完成，有问题找王老师',
};
const code = encodeAssignment(a);

function rightAnswers(quizId: string, wrong = 0) {
  const q = ctx.quizzes.get(quizId)!;
  const ans: Record<string, unknown> = {};
  q.questions.forEach((x, i) => {
    if (i < wrong) return;
    if (x.type === 'single' || x.type === 'truefalse') ans[x.id] = x.answer;
    else if (x.type === 'multiple') ans[x.id] = x.answers;
    else if (x.type === 'ordering') ans[x.id] = x.items.map((it) => it.id);
    else if (x.type === 'numeric') ans[x.id] = String(x.answer);
    else if (x.type === 'roleplay') ans[x.id] = bestRoleplayPath(x)!.steps.map((st) => st.choice);
  });
  return ans;
}
function attempt(quizId: string, wrong: number, seed: number, offsetMin: number) {
  const q = ctx.quizzes.get(quizId)!;
  const at = newAttempt(q, { seed, mode: 'exam', startedAt: new Date(now - 86_400_000 + offsetMin * 60_000) });
  at.answers = rightAnswers(quizId, wrong) as typeof at.answers;
  at.finishedAt = new Date(now - 86_400_000 + (offsetMin + 7) * 60_000).toISOString();
  at.result = JSON.parse(JSON.stringify(gradeAttempt(q, at)));
  return at;
}
function chat(id: string, replies: Array<{ text: string; afterMs: number }>, offsetMin: number) {
  const s = ctx.scenarios.get(id)!;
  const r = scoreChat(s, replies, ctx.rules);
  return { scenario: id, scenarioVersion: s.version, scenarioHash: scenarioHash(s), startedAt: new Date(now - 86_400_000 + offsetMin * 60_000).toISOString(), finishedAt: new Date(now - 86_400_000 + (offsetMin + 4) * 60_000).toISOString(), replies, result: { score: r.score, grade: r.grade, ending: r.ending.kind } };
}
const goodReplies = [{ text: '亲，您好，欢迎光临！请问有什么可以帮您？', afterMs: 6000 }, { text: '请您稍等，我帮您问一下主管能不能申请优惠', afterMs: 9000 }, { text: '让您久等了，主管同意给您送一份小赠品，您看可以吗？', afterMs: 60000 }];

// 1. Builder, filled and generated.
if (process.env.ALL) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${server.url}/trainer/assign/`);
  await page.locator('.assign[data-ready="true"]').waitFor();
  for (const key of ['quiz:presales-reception-bargain', 'quiz:cancel-order', 'chat:bargain-repeat', 'chat:shipping-where']) await page.locator(`label[data-item="${key}"] input`).check();
  await page.getByLabel('培训组名称').fill('6月第2周新人组');
  await page.getByLabel('带教老师（可不填）').fill('王老师');
  await page.getByLabel('学员名单（可不填，每行一个姓名）').fill('张三\n李四\n王五');
  await page.getByLabel('给学员的说明（可不填）').fill('周五下班前完成，有问题找王老师');
  await page.getByRole('button', { name: '生成链接' }).click();
  await page.getByTestId('assign-result').waitFor();
  await shot(page, 'assign-generated');
  await page.emulateMedia({ media: 'print' });
  await shot(page, 'assign-print-sheet');
  await page.close();
  const phone = await browser.newPage({ viewport: { width: 360, height: 800 } });
  await phone.goto(`${server.url}/trainer/assign/`);
  await phone.locator('.assign[data-ready="true"]').waitFor();
  await phone.locator('label[data-item="quiz:cancel-order"] input').check();
  await shot(phone, 'assign-phone');
  await phone.close();
}

// 2. 我的培训 with progress, and the certificate.
for (const [label, width, scheme] of (process.env.ALL ? [['desktop', 1280, 'light'], ['phone', 360, 'light'], ['dark', 1280, 'dark']] : []) as Array<[string, number, 'light' | 'dark']>) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
  const page = await context.newPage();
  await page.goto(`${server.url}/my/?a=${code}`);
  await page.locator('.training-assignment').waitFor();
  const attempts = [attempt('presales-reception-bargain', 0, 1, 10), attempt('cancel-order', 3, 2, 30)].map((x, i) => ({ id: `a${i}`, updatedAt: x.finishedAt, ...x }));
  const c = chat('bargain-repeat', goodReplies, 60);
  const rep = JSON.parse(JSON.stringify(scoreChat(ctx.scenarios.get('bargain-repeat')!, c.replies, ctx.rules)));
  await page.evaluate(({ attempts, chatRec }) => new Promise<void>((ok) => {
    const open = indexedDB.open('sop-xuetang');
    open.onsuccess = () => {
      const tx = open.result.transaction(['attempts', 'chatReports', 'meta'], 'readwrite');
      for (const at of attempts) tx.objectStore('attempts').put(at);
      tx.objectStore('chatReports').put(chatRec);
      tx.objectStore('meta').put({ id: 'trainee', name: '张三', device: 'shotdevice01' });
      tx.oncomplete = () => ok();
    };
  }), { attempts, chatRec: { id: 'c1', updatedAt: c.finishedAt, format: 'sop-chat-report', formatVersion: 1, scenario: c.scenario, scenarioVersion: c.scenarioVersion, mode: 'exam', startedAt: c.startedAt, finishedAt: c.finishedAt, endedBy: 'ending', hintsUsed: 0, replies: c.replies, report: rep } });
  await page.reload();
  await page.locator('.training-assignment').waitFor();
  await shot(page, `my-progress-${label}`);
  if (label === 'desktop') {
    await page.goto(`${server.url}/my/?a=1.broken`);
    await page.getByTestId('link-error').waitFor();
    await shot(page, 'my-link-error', false);
  }
  await context.close();
}
if (process.env.ALL) {
  // Certificate: everything passed.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const small: Assignment = { ...a, id: 'shot000002', items: [a.items[0]!] };
  await page.goto(`${server.url}/my/?a=${encodeAssignment(small)}`);
  await page.locator('.training-assignment').waitFor();
  const at = attempt('presales-reception-bargain', 0, 9, 10);
  await page.evaluate((rec) => new Promise<void>((ok) => {
    const open = indexedDB.open('sop-xuetang');
    open.onsuccess = () => {
      const tx = open.result.transaction(['attempts', 'meta'], 'readwrite');
      tx.objectStore('attempts').put(rec);
      tx.objectStore('meta').put({ id: 'trainee', name: '张三', device: 'shotdevice01' });
      tx.oncomplete = () => ok();
    };
  }), { id: 'cert', updatedAt: at.finishedAt, ...at });
  await page.goto(`${server.url}/my/certificate/?a=shot000002`);
  await page.getByTestId('certificate').waitFor();
  await shot(page, 'certificate');
  await page.emulateMedia({ media: 'print' });
  await shot(page, 'certificate-print');
  await context.close();
}

// 3. Dashboard with files, a flagged trainee and a bad file.
for (const [label, width, scheme] of [['desktop', 1280, 'light'], ['phone', 360, 'light'], ['dark', 1280, 'dark']] as const) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
  const page = await context.newPage();
  await page.goto(`${server.url}/trainer/dashboard/`);
  await page.locator('.dash[data-ready="true"]').waitFor();
  const files: Array<{ name: string; mimeType: string; buffer: Buffer }> = [];
  const people = ['张三', '李四', '王五', '赵六', '孙七'];
  people.forEach((name, i) => {
    const attempts = [attempt('presales-reception-bargain', i % 3, 10 + i, 10), attempt('cancel-order', i, 20 + i, 30)];
    if (name === '赵六') attempts[1]!.result = { ...attempts[1]!.result!, percent: 100, score: attempts[1]!.result!.max, grade: 'A', passed: true };
    const chats = i === 2 ? [] : [chat('bargain-repeat', i % 2 ? [{ text: '你好', afterMs: 30000 }] : goodReplies, 60), chat('shipping-where', goodReplies.slice(0, 1 + (i % 3)), 90)];
    const f = buildResultFile({ assignment: a, code, trainee: { name, device: `shotdev${i}xxxx` }, siteVersion: data.siteVersion, attempts, chats, now: new Date(now) });
    files.push({ name: `培训结果-${name}-6月第2周新人组.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(f)) });
  });
  files.push({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('这不是 JSON') });
  files.push({ name: 'html.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ format: '<img src=x onerror=alert(1)>' })) });
  await page.getByTestId('dash-file-input').setInputFiles(files);
  await page.getByTestId('dash-table').waitFor();
  await page.getByRole('button', { name: '赵六 的明细' }).click();
  if (label === 'phone') {
    const wide = await page.evaluate(() => [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > 362).slice(0, 12).map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)} ${(e.textContent ?? "").slice(0, 30)} ${e.parentElement?.className}`));
    console.log(wide.join('\n'));
  }
  await shot(page, `dashboard-${label}`);
  await context.close();
}
await browser.close();
await server.close();
console.log('done');
