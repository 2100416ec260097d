import { describe, expect, it } from 'vitest';
import { diagramNodeIds, withAccessibility } from '../../src/lib/content/diagram.ts';

describe('diagramNodeIds', () => {
  it('finds hyphenated ids around arrows and ignores label text', () => {
    const ids = diagramNodeIds(`flowchart TD
      receive([顾客申请撤单]) --> check-status{订单到哪一步？}
      check-status -->|拍下未付款| unpaid[请顾客关闭 trade]
      a & b --> c:::warn
      %% comment-node --> ignored
      click a href "#x"`);
    expect([...ids].sort()).toEqual(['a', 'b', 'c', 'check-status', 'receive', 'unpaid']);
  });
});

describe('withAccessibility', () => {
  it('adds accTitle and accDescr after the header only when missing', () => {
    const out = withAccessibility('flowchart TD\n  a --> b', '撤单', '说明\n两行');
    expect(out.split('\n').slice(0, 3)).toEqual(['flowchart TD', '  accTitle: 撤单', '  accDescr: 说明 两行']);
    const kept = withAccessibility('flowchart TD\n  accTitle: 已有\n  accDescr: 已有\n  a --> b', 'x', 'y');
    expect(kept).not.toContain('accTitle: x');
  });
});

describe('compactSvg', () => {
  it('rounds numbers inside tags only', async () => {
    const { compactSvg } = await import('../../src/lib/content/diagram-source.ts');
    expect(compactSvg('<path d="M1.23456 7.891011 L2 3"/><p>版本 1.23456</p>')).toBe('<path d="M1.23 7.89 L2 3"/><p>版本 1.23456</p>');
  });
});

describe('diagramErrorLine', () => {
  it('maps a Mermaid line (with inserted accessibility lines) to the file line', async () => {
    const { diagramErrorLine } = await import('../../src/lib/content/diagram-source.ts');
    const file = '---\ntitle: x\ndiagram: |\n  flowchart TD\n    a --> b\n    b --> (((\nsteps: []\n---\n';
    // Mermaid reports line 5 of the prepared source: 2 inserted lines → diagram line 3 → file line 6.
    expect(diagramErrorLine(file, 5, 2)).toEqual({ diagramLine: 3, fileLine: 6 });
  });
});
