/** A small hand-made corpus for the search unit tests (the evaluation test uses the real content). */
import type { SearchDoc } from '../../src/lib/search/documents.ts';
import { allTexts, buildSearchIndex, coreIndex, textFiles } from '../../src/lib/search/build-index.ts';
import { createSearchEngine, type SearchEngine, type TextSource } from '../../src/lib/search/engine.ts';
import { searchTextPath } from '../../src/lib/search/index-format.ts';
import type { SearchDocStub } from '../../src/lib/search/documents.ts';
import { installSimplifier } from '../../src/lib/search/opencc.ts';
import { installHomophones } from '../../src/lib/search/pinyin.ts';

// As in Node everywhere (CLI, build): the Traditional → Simplified dictionaries and the homophone table are there at once.
installSimplifier();
installHomophones();

export const DOCS: SearchDoc[] = [
  {
    kind: 'script',
    id: 'bargain',
    title: '顾客要求便宜一点',
    url: '/scripts/#bargain',
    stage: '售前',
    tracks: ['ecommerce'],
    context: '议价处理 · 第一次还价',
    contextUrl: '/workflows/bargain/#step-first',
    customer: ['能便宜点吗', '少20块行吗'],
    tags: ['议价', '讲价'],
    summary: '顾客第一次问能不能便宜。',
    reply: '亲，我们是统一定价的，价格已经很实惠啦～',
  },
  {
    kind: 'script',
    id: 'where',
    title: '顾客问货到哪了',
    url: '/scripts/#where',
    stage: '售中',
    tracks: ['ecommerce'],
    context: '物流跟踪 · 查物流',
    contextUrl: '/workflows/ship/#step-track',
    customer: ['快递到哪了', '物流怎么不动了'],
    tags: ['查物流'],
    summary: '顾客催问包裹位置。',
    reply: '亲，我马上帮您查一下物流，请稍等～',
  },
  {
    kind: 'script',
    id: 'refund',
    title: '顾客申请退款',
    url: '/scripts/#refund',
    stage: '售后',
    tracks: ['ecommerce'],
    context: '售后 · 退款',
    contextUrl: '/workflows/after/#step-refund',
    customer: ['我要退款', '不想要了'],
    tags: ['退款'],
    summary: '顾客要退款时先问原因。',
    reply: '亲，可以的，方便说一下是什么原因吗？',
  },
  {
    kind: 'script',
    id: 'vip',
    title: '告知客户已成为 VIP 贵宾',
    url: '/scripts/#vip',
    stage: '通用',
    tracks: ['securities'],
    customer: ['VIP 有什么特别的'],
    summary: '客户资产达到贵宾标准。',
    reply: '您好，您已经是我们的 VIP 贵宾客户。',
  },
  {
    kind: 'workflow',
    id: 'bargain',
    title: '议价处理',
    url: '/workflows/bargain/',
    stage: '售前',
    tracks: ['ecommerce'],
    context: '电商客服',
    summary: '顾客还价时按权限处理。',
    body: ['第一次还价', '反复还价'],
  },
  {
    kind: 'step',
    id: 'ship/track',
    title: '跟踪物流',
    url: '/workflows/ship/#step-track',
    stage: '售中',
    tracks: ['ecommerce'],
    context: '物流跟踪',
    contextUrl: '/workflows/ship/',
    body: ['每天查看物流信息，异常时联系快递。'],
  },
  {
    kind: 'standard',
    id: 'first-response',
    title: '首次响应时间',
    url: '/standards/#first-response',
    tracks: ['ecommerce'],
    context: '时效',
    summary: '顾客第一次发来消息后 15 秒内回复。',
    body: ['≤ 15 秒'],
  },
];

export const FACETS = {
  stages: ['售前', '售中', '售后', '通用'],
  tracks: [
    { id: 'ecommerce', title: '电商客服' },
    { id: 'securities', title: '证券' },
  ],
};

export function testEngine(docs: SearchDoc[] = DOCS): SearchEngine {
  return createSearchEngine(JSON.parse(JSON.stringify(buildSearchIndex(docs, FACETS))));
}

/** Fake text files as the site serves them, with a log of what was fetched and switches to fail. */
export function fakeTexts(docs: SearchDoc[] = DOCS) {
  const full = buildSearchIndex(docs, FACETS);
  const files = new Map(textFiles(full).map((f) => [f.path, JSON.parse(JSON.stringify(f.text)) as unknown]));
  const bundle = JSON.parse(JSON.stringify(allTexts(full))) as unknown;
  const log: string[] = [];
  const state = { failOne: false, failAll: false };
  const source: TextSource = {
    async one(doc: SearchDocStub) {
      const path = searchTextPath(doc);
      log.push(path);
      if (state.failOne || !files.has(path)) throw new Error('offline');
      return files.get(path);
    },
    async all() {
      log.push('texts.json');
      if (state.failAll) throw new Error('offline');
      return bundle;
    },
  };
  return { core: JSON.parse(JSON.stringify(coreIndex(full))) as unknown, source, log, state, files };
}

/** The engine as the browser has it: the index without texts, texts fetched from `fakeTexts`. */
export function browserEngine(docs: SearchDoc[] = DOCS) {
  const texts = fakeTexts(docs);
  return { engine: createSearchEngine(texts.core, texts.source), ...texts };
}

export const keys = (engine: SearchEngine, q: string, options = {}) =>
  engine.search(q, options).hits.map((h) => `${h.doc.kind}:${h.doc.id}`);

/** Inputs that must never throw nor render as HTML. */
export const BAD_INPUTS: string[] = [
  '',
  '   ',
  '能便宜点吗'.repeat(400),
  'x'.repeat(2000),
  '😀😀😀',
  '🙏能便宜点吗🙏',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '.*',
  '(',
  ')',
  '[',
  '\\',
  '*',
  '+-~^:',
  'a*b?',
  '\uD800',
  '\uDC00abc',
  '能\uD83D便宜',
  '\u0000\u0007',
  '\u200B\u200B',
];
