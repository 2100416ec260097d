/** A small hand-made corpus for the search unit tests (the evaluation test uses the real content). */
import type { SearchDoc } from '../../src/lib/search/documents.ts';
import { buildSearchIndex } from '../../src/lib/search/build-index.ts';
import { createSearchEngine, type SearchEngine } from '../../src/lib/search/engine.ts';

export const DOCS: SearchDoc[] = [
  {
    kind: 'script', id: 'bargain', title: '顾客要求便宜一点', url: '/scripts/#bargain', stage: '售前', tracks: ['ecommerce'],
    context: '议价处理 · 第一次还价', contextUrl: '/workflows/bargain/#step-first',
    customer: ['能便宜点吗', '少20块行吗'], tags: ['议价', '讲价'], summary: '顾客第一次问能不能便宜。',
    reply: '亲，我们是统一定价的，价格已经很实惠啦～',
  },
  {
    kind: 'script', id: 'where', title: '顾客问货到哪了', url: '/scripts/#where', stage: '售中', tracks: ['ecommerce'],
    context: '物流跟踪 · 查物流', contextUrl: '/workflows/ship/#step-track',
    customer: ['快递到哪了', '物流怎么不动了'], tags: ['查物流'], summary: '顾客催问包裹位置。',
    reply: '亲，我马上帮您查一下物流，请稍等～',
  },
  {
    kind: 'script', id: 'refund', title: '顾客申请退款', url: '/scripts/#refund', stage: '售后', tracks: ['ecommerce'],
    context: '售后 · 退款', contextUrl: '/workflows/after/#step-refund',
    customer: ['我要退款', '不想要了'], tags: ['退款'], summary: '顾客要退款时先问原因。',
    reply: '亲，可以的，方便说一下是什么原因吗？',
  },
  {
    kind: 'script', id: 'vip', title: '告知客户已成为 VIP 贵宾', url: '/scripts/#vip', stage: '通用', tracks: ['securities'],
    customer: ['VIP 有什么特别的'], summary: '客户资产达到贵宾标准。', reply: '您好，您已经是我们的 VIP 贵宾客户。',
  },
  {
    kind: 'workflow', id: 'bargain', title: '议价处理', url: '/workflows/bargain/', stage: '售前', tracks: ['ecommerce'],
    context: '电商客服', summary: '顾客还价时按权限处理。', body: ['第一次还价', '反复还价'],
  },
  {
    kind: 'step', id: 'ship/track', title: '跟踪物流', url: '/workflows/ship/#step-track', stage: '售中', tracks: ['ecommerce'],
    context: '物流跟踪', contextUrl: '/workflows/ship/', body: ['每天查看物流信息，异常时联系快递。'],
  },
  {
    kind: 'standard', id: 'first-response', title: '首次响应时间', url: '/standards/#first-response', tracks: ['ecommerce'],
    context: '时效', summary: '顾客第一次发来消息后 15 秒内回复。', body: ['≤ 15 秒'],
  },
];

export const FACETS = { stages: ['售前', '售中', '售后', '通用'], tracks: [{ id: 'ecommerce', title: '电商客服' }, { id: 'securities', title: '证券' }] };

export function testEngine(docs: SearchDoc[] = DOCS): SearchEngine {
  return createSearchEngine(JSON.parse(JSON.stringify(buildSearchIndex(docs, FACETS))));
}

export const keys = (engine: SearchEngine, q: string, options = {}) => engine.search(q, options).hits.map((h) => `${h.doc.kind}:${h.doc.id}`);

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
