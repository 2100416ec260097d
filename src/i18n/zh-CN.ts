/**
 * Every UI string of the site, in one zh-CN dictionary. Content text lives in content/.
 * The islands' sections live in zh-CN/<island>.ts so each island ships only its own strings;
 * `ui` here is the whole dictionary for the Astro pages.
 */
import { ui as quizUi } from './zh-CN/quiz.ts';
import { ui as chatUi } from './zh-CN/chat.ts';
import { ui as searchUi } from './zh-CN/search.ts';
import { ui as calculatorUi } from './zh-CN/calculator.ts';
import { ui as trainerUi } from './zh-CN/trainer.ts';
import { ui as workbenchUi } from './zh-CN/workbench.ts';
export const ui = {
  siteName: '客服 SOP 学堂',
  siteTagline: '客服岗位的流程、话术与服务标准：新人入职学，在岗随手查',
  skipToContent: '跳到正文',
  nav: {
    home: '首页',
    tracks: '培训路线',
    scripts: '话术库',
    standards: '服务标准',
    quizzes: '测验',
    chat: '模拟对话',
    search: '搜索话术',
    menu: '菜单',
    main: '主导航',
    brandMark: '客',
  },
  /** The notice on 我的培训, quiz and chat pages when they are opened inside WeChat's browser. */
  wechat: {
    title: '请在手机浏览器中打开本页',
    why: '在微信里做的测验和对话只保存在微信内置浏览器里：换到手机浏览器就看不到，结果文件也下载不了。',
    how: '点右上角的 ··· ，再点“在浏览器打开”（安卓）或“在 Safari 中打开”（iPhone），然后在那里开始。',
    pictureLabel: '示意图：微信右上角的 ··· 菜单和“在浏览器打开”',
    menuItem: '在浏览器打开',
    stay: '我知道了，仍在微信里做',
    stayHint: '留在微信里也可以：做完后在“我的培训”点“复制成绩码”，粘贴到培训群发给带教老师。',
  },
  theme: { toggle: '切换深色/浅色', light: '浅色', dark: '深色' },
  home: {
    heroTitle: '把客服工作的每一步都写清楚',
    heroText:
      '从接待第一句问候到投诉处理、回访，每个流程都有流程图、分步说明、适用的服务标准和可直接复制的话术。新人按路线学习，老员工在岗随时查。',
    pickTeam: '选择你的团队',
    pathTitle: '新人入职路线',
    pathIntro: '按顺序阅读所在团队的流程，每个流程读完后做对应测验，再到模拟对话里练习。',
    startTrack: '开始学习',
    workflowsCount: (n: number) => `${n} 个流程`,
    quickLinks: '在岗常用',
    scriptsLink: '话术库：按环节查找可复制的回复',
    standardsLink: '服务标准：响应时间、礼貌用语、禁用语等硬指标',
  },
  track: {
    audience: '适合',
    path: '学习路线',
    pathEmpty: '这条路线的学习顺序即将补充，可先按下方列表阅读。',
    thenPractise: '读完后练习',
    all: '本路线全部流程',
    stage: '环节',
  },
  workflow: {
    prevNextLabel: '流程导航',
    flowchart: '流程图',
    flowchartHint: '点击流程图中的方框可跳到对应步骤。',
    steps: '操作步骤',
    step: (n: number) => `第 ${n} 步`,
    owner: '负责',
    timing: '时限',
    standards: '适用标准',
    scripts: '话术',
    scriptsForStep: '本步话术',
    notes: '要点说明',
    roles: '岗位',
    stage: '环节',
    track: '所属路线',
    print: '打印 SOP 卡片',
    prev: '上一个流程',
    next: '下一个流程',
    noScripts: '此流程没有专门的话术，按标准用语沟通即可。',
    diagramFallback: '正在加载流程图……',
    diagramError: '流程图无法显示，请参照下方的操作步骤。',
  },
  script: {
    customerSays: '顾客常说',
    reply: '推荐回复',
    variants: '其他说法',
    avoid: '避免说',
    notes: '说明',
    copy: workbenchUi.workbench.copy,
    copied: workbenchUi.workbench.copied,
    copyFailed: workbenchUi.workbench.copyFailed,
    step: '所属步骤',
    situation: '使用场景',
  },
  scripts: {
    title: '话术库',
    intro: (n: number) => `共 ${n} 条话术，按客户旅程的环节排列。每条都标明所属流程步骤，点“复制”即可粘贴给顾客。`,
    jump: '按环节跳转',
  },
  standards: {
    tocLabel: '标准分类',
    title: '服务标准',
    intro: (n: number) => `共 ${n} 条服务标准。带数字的标准可以量化考核，测验和模拟对话按它们评分。`,
    threshold: '指标',
    appliesTo: '适用范围',
    phrases: '相关用语',
    source: '出处',
    usedBy: '用到此标准的流程',
    none: '暂无',
  },
  footer: {
    about: '内容依据公开的客服制度与话术资料整理改写，数字与规则保持原样。',
  },
  notFound: { title: '页面不存在', text: '没有找到这个页面。', back: '回到首页' },
  ...quizUi,
  ...chatUi,
  ...searchUi,
  ...calculatorUi,
  ...trainerUi,
} as const;

/** For the pages; the function lives with the other text helpers in src/lib/text/. */
export { formatThreshold } from '../lib/text/threshold.ts';
