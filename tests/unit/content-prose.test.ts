import { describe, expect, it } from 'vitest';
import { mdxProse } from '../../src/lib/content/prose.ts';

describe('mdxProse (the text of a workflow below its steps, for search)', () => {
  it('keeps headings, paragraphs, list items and table rows as plain lines', () => {
    const body = [
      "import Note from '../../src/components/Note.astro';",
      '',
      '## 扣分项：轻度违规',
      '',
      '| 扣分项 | 分值 |',
      '|---|---|',
      '| 迟到、早退 | -2 至 -5 分/次 |',
      '',
      '- **中度**每次扣 10 分，见[标准](/standards/#x)',
      '<Note>不算</Note>',
      '```mermaid',
      'flowchart TD',
      '```',
    ].join('\n');
    expect(mdxProse(body)).toEqual(['扣分项：轻度违规', '扣分项 分值', '迟到、早退 -2 至 -5 分/次', '中度每次扣 10 分，见标准', '不算']);
  });
  it('gives nothing for an empty body', () => {
    expect(mdxProse('')).toEqual([]);
  });
});
