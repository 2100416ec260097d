import { describe, expect, it } from 'vitest';
import { renderInlineMarkdown } from '../../src/lib/text/inline-markdown.ts';

describe('renderInlineMarkdown', () => {
  it('renders paragraphs, lists and bold', () => {
    expect(renderInlineMarkdown('先问候。\n- 一\n- **二**\n\n最后')).toBe(
      '<p>先问候。</p><ul><li>一</li><li><strong>二</strong></li></ul><p>最后</p>',
    );
  });
  it('escapes markup so content cannot inject HTML', () => {
    expect(renderInlineMarkdown('<script>alert(1)</script> & "x"')).toBe(
      '<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;</p>',
    );
  });
});
