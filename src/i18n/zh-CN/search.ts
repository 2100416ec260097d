/** UI strings of the search island (part of the zh-CN dictionary; only its own island loads it). */
export const ui = {
  search: {
    button: '搜索',
    buttonLabel: '搜索话术、流程和标准（快捷键 / 或 Ctrl+K）',
    dialogLabel: '搜索话术、流程和标准',
    inputLabel: '搜索话术、流程和标准',
    placeholder: '输入顾客的话，如“能便宜点吗”',
    close: '关闭搜索',
    kinds: { script: '话术', workflow: '流程', step: '步骤', standard: '标准' },
    stageFilter: '环节',
    allStages: '全部环节',
    trackFilter: '路线',
    allTracks: '全部路线',
    loading: '正在加载搜索索引……',
    loadFailed: '搜索索引加载失败，请检查网络后重试。',
    retry: '重试',
    resultsLabel: '搜索结果',
    count: (n: number) => `找到 ${n} 条结果`,
    noResults: (q: string) => `没有找到与“${q}”相关的内容。`,
    tryThese: '试试这些搜索',
    suggestions: ['能便宜点吗', '快递到哪了', '退款', '少件', '投诉', '发票', '是正品吗', '怎么还不发货'],
    closest: '最接近的话术',
    recent: '最近搜索',
    clearRecent: '清除记录',
    customerSays: '顾客说',
    step: '所属步骤',
    copied: '已复制',
    copyFailed: '复制失败，请打开页面手动复制',
    announceCopied: (title: string, what: string) => `已复制“${title}”的${what}`,
    /** What Enter copies of a result (result-view.ts CopyKind). */
    copies: { reply: '回复', rule: '规则', summary: '摘要' },
    /** Said in the highlighted result row. */
    enterCopies: (what: string) => `Enter 复制${what}`,
    hints: { move: '↑↓ 选择', copy: 'Enter 复制', open: 'Ctrl+Enter 打开页面', close: 'Esc 关闭' },
    offline: {
      title: '当前处于离线状态',
      text: '这个页面还没有保存到本机。话术库和搜索在离线时仍可使用。',
      link: '打开话术库',
    },
  },
} as const;

/** UI strings of the script library's filter box (ScriptFilter island; shipped apart from `ui`). */
export const filterUi = {
  label: '筛选话术',
  placeholder: '输入关键词筛选本页话术，如“退款”',
  count: (shown: number, total: number) => `显示 ${shown} / ${total} 条话术`,
  none: '本页没有符合的话术，试试换个词，或用顶部搜索。',
  clear: '清除',
} as const;
