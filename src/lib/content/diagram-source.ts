/**
 * Prepares a workflow's Mermaid source for rendering (accessibility lines, links from nodes to
 * steps) and maps Mermaid's error line back to the line in the workflow file.
 */
import { withAccessibility } from './diagram.ts';

export interface PreparedDiagram {
  source: string;
  /** Lines inserted after the first line (accTitle/accDescr), to map error lines back. */
  inserted: number;
}

export function prepareDiagram(diagram: string, title: string, summary: string, stepIds: string[]): PreparedDiagram {
  const trimmed = diagram.trim();
  const withAcc = withAccessibility(trimmed, title, summary);
  const inserted = withAcc.split('\n').length - trimmed.split('\n').length;
  const clicks = stepIds.map((id) => `  click ${id} href "#step-${id}"`);
  return { source: [withAcc, ...clicks].join('\n'), inserted };
}

/**
 * The line in the workflow file for a line reported by Mermaid (1-based, in the prepared source).
 * `fileText` is the whole MDX file; the diagram starts on the line after `diagram: |`.
 */
export function diagramErrorLine(fileText: string, mermaidLine: number, inserted: number): { diagramLine: number; fileLine: number | undefined } {
  const diagramLine = mermaidLine > 1 ? Math.max(1, mermaidLine - inserted) : mermaidLine;
  const lines = fileText.split(/\r?\n/);
  const start = lines.findIndex((l) => /^diagram:\s*[|>]/.test(l));
  if (start < 0) return { diagramLine, fileLine: undefined };
  // Block scalars may start with blank lines; the first non-empty line is diagram line 1.
  let first = start + 1;
  while (first < lines.length && !lines[first]?.trim()) first++;
  return { diagramLine, fileLine: first + diagramLine };
}

/**
 * Shrinks a rendered SVG without changing what it shows: numbers inside tags are rounded to two
 * decimals (Mermaid writes up to 16). Text between tags is left alone.
 */
export function compactSvg(svg: string): string {
  return svg.replace(/<[^>]+>/g, (tag) => tag.replace(/(\d+\.\d\d)\d+/g, (_, kept: string) => kept));
}

/** The build error for a Mermaid syntax error, naming the file, its line and the diagram's line. */
export function diagramErrorMessage(file: string, where: { fileLine?: number; diagramLine: number } | undefined, detail: string): string {
  const at = where ? `${file}${where.fileLine ? `:${where.fileLine}` : ''} → diagram 第 ${where.diagramLine} 行` : `${file} → diagram`;
  return `流程图语法错误：${at}\n${detail}`;
}
