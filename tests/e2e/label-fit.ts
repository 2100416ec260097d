/**
 * Runs in the page: for every flowchart node, is its label inside its shape? Returns the node
 * count checked and the labels that do not fit (clipped inside the label box, outside a box, or
 * outside a diamond).
 */
export function labelFit(): { checked: number; bad: string[] } {
  const bad: string[] = [];
  let checked = 0;
  for (const node of document.querySelectorAll<SVGGElement>('figure.diagram svg g.node')) {
    const shape = node.querySelector<SVGGraphicsElement>('.label-container');
    const label = node.querySelector<HTMLElement>('.nodeLabel');
    const box = label?.closest<HTMLElement>('foreignObject > div') ?? label;
    if (!shape || !label || !box) continue;
    checked++;
    const s = shape.getBoundingClientRect();
    const t = label.getBoundingClientRect();
    const name = label.textContent ?? '';
    if (box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1) bad.push(`${name}: 文字被裁切`);
    const fo = label.closest('foreignObject')?.getBoundingClientRect();
    if (fo && (t.right > fo.right + 1 || t.bottom > fo.bottom + 1)) bad.push(`${name}: 超出文字区`);
    if (shape.tagName === 'polygon') {
      const cx = s.x + s.width / 2,
        cy = s.y + s.height / 2,
        a = s.width / 2,
        b = s.height / 2;
      const corners: Array<[number, number]> = [
        [t.left, t.top],
        [t.right, t.top],
        [t.left, t.bottom],
        [t.right, t.bottom],
      ];
      if (corners.some(([x, y]) => Math.abs(x - cx) / a + Math.abs(y - cy) / b > 1.02)) bad.push(`${name}: 超出菱形`);
    } else if (t.left < s.left - 1 || t.right > s.right + 1 || t.top < s.top - 1 || t.bottom > s.bottom + 1) {
      bad.push(`${name}: 超出方框 (${Math.round(t.width)}×${Math.round(t.height)} > ${Math.round(s.width)}×${Math.round(s.height)})`);
    }
  }
  return { checked, bad };
}
