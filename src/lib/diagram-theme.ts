/**
 * The diagram look shared by build-time rendering and the client-side fallback: the site's font
 * stack (Chinese glyphs are full-width in every CJK font, so measuring with Noto Sans CJK holds
 * for PingFang or Microsoft YaHei too) and Mermaid's configuration.
 */
export const FONT_STACK =
  '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", system-ui, sans-serif';

export const MERMAID_CONFIG = {
  startOnLoad: false,
  securityLevel: 'loose',
  theme: 'base',
  fontFamily: FONT_STACK,
  themeVariables: {
    fontFamily: FONT_STACK,
    fontSize: '15px',
    primaryColor: '#eef4ff',
    primaryBorderColor: '#3056d3',
    primaryTextColor: '#10203f',
    lineColor: '#5b6b88',
    tertiaryColor: '#fff7e6',
  },
  flowchart: { htmlLabels: true, useMaxWidth: true, padding: 14, nodeSpacing: 36, rankSpacing: 44, wrappingWidth: 220 },
} as const;
