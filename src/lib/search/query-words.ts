/**
 * Words of a query that say how something is asked, not what about, kept as data (query.ts reads
 * them; understand.ts applies them). They never become search terms: the pairs they make (了怎,
 * 么办, 要接) are rare in the content, so they would weigh heavily and pull the ranking towards
 * whatever happens to contain them. What they say is kept apart: a question about a rule or a
 * number (多久, 几声, 超过多少 …) asks for the standard or step that holds the number.
 *
 * Rules for editors: Simplified Chinese (queries are folded first, so Traditional and full-width
 * spellings count); a single character is dropped only when the word segmenter leaves it on its
 * own (要 in 要接, not in 需要); longer words are dropped wherever they occur, so list none that
 * is part of a content word.
 */

/**
 * Greetings, politeness and pronouns of a pasted message (亲，在吗 …). Dropped before anything else
 * when the query has other words, so 你好 in a pasted question does not look for greetings.
 */
export const NOISE_WORDS: readonly string[] = [
  '亲爱的',
  '亲亲',
  '亲',
  '在吗',
  '在不在',
  '有人吗',
  '你好',
  '您好',
  '哈喽',
  '请问',
  '麻烦',
  '谢谢',
  '多谢',
  '美女',
  '帅哥',
  '那个',
  '这个',
  '一下',
  '我们',
  '你们',
  '他们',
  '我',
  '你',
  '您',
  '他',
  '她',
  '咱',
  // Degree adverbs (情绪很激动 reads as 情绪激动, a synonym's member).
  '很',
  '非常',
  '挺',
  '有点',
  '好多',
];

/** Question words that ask about a rule or a number and carry no topic (dropped like fillers). */
export const QUESTION_ONLY_WORDS: readonly string[] = [
  '谁',
  '之内',
  '以内',
  '多长时间',
  '多久',
  '多长',
  '多远',
  '多少',
  '几',
  '什么时候',
  '啥时候',
  '啥时',
  '几时',
  '何时',
  '哪天',
  '要不要',
  '用不用',
  '需不需要',
  '能不能',
  '可不可以',
  '可以吗',
  '行不行',
  '是不是',
  '有没有',
  '会不会',
];

/**
 * Questions about a rule or a number: they ask for the standard or the step that holds it
 * (`RULE` intent, query.ts): the question words above, and words that ask about a limit or a
 * penalty and also name a topic (最多, 超过, 罚). Longest first is not needed: the longest match wins.
 */
export const RULE_QUESTION_WORDS: readonly string[] = [
  ...QUESTION_ONLY_WORDS,
  '多大',
  '最晚',
  '最迟',
  '最多',
  '最少',
  '至少',
  '超过',
  '罚',
  '扣',
  '处罚',
  '会怎么处理',
  '会怎么罚',
];

/** Particles and question words that carry no topic. */
export const FILLER_WORDS: readonly string[] = [
  '怎么办',
  '怎么样',
  '怎么回事',
  '怎么弄',
  '怎么搞',
  '怎么',
  '咋办',
  '咋',
  '为什么',
  '为啥',
  '什么',
  '啥',
  '哪些',
  '哪里',
  '哪儿',
  '吗',
  '呢',
  '啊',
  '呀',
  '吧',
  '哈',
  '嘛',
  '哦',
  '噢',
  '喔',
  '啦',
  '呗',
  '哎',
  '唉',
  '嗯',
  '哇',
  '么',
  '了',
  '的',
  '得',
  '地',
  '呐',
  '嘞',
  '咯',
  '要',
  '想',
  '会',
  '能',
  '可以',
  '应该',
  '还',
  '都',
  '就',
  '也',
  '又',
  '才',
  '再',
  '是',
  '在',
  '给',
  '把',
  '被',
  '让',
  '跟',
  '和',
  '还是',
  '也不',
  '全是',
  '都是',
  '一般',
  '必须',
  '需要',
  '到底',
  '现在',
  '刚',
  '刚刚',
  '一直',
  '已经',
  '这',
  '那',
  '些',
  // Light verbs: 还要做什么 (alone only; 做法 stays).
  '做',
  '弄',
  '搞',
  '个',
  '次',
  '件',
  '点',
];

/**
 * The units a question about a number asks for (understand.ts `units`): the entry that holds a
 * number in that unit answers it (三声内接听 for 响几声, 回访三天内完成 for 几天内). A question
 * word with a Han character after it (几声, 几天, 多少钱 → 钱 below) names its unit itself; these
 * words name theirs here. `钱` and `块` are read as 元.
 */
export const QUESTION_UNITS: Readonly<Record<string, readonly string[]>> = {
  多久: ['秒', '分钟', '小时', '天', '工作日', '周', '个月'],
  多长时间: ['秒', '分钟', '小时', '天', '工作日', '周', '个月'],
  多长: ['秒', '分钟', '小时', '天', '工作日', '周', '个月'],
  多少钱: ['元'],
  几块: ['元'],
  // A penalty asked about is an amount (罚多少 → 罚 100 元) or points.
  罚多少: ['元'],
  扣多少: ['元', '分'],
};
/** Other ways the rules write a unit a question names (几点 → 10 时, 几号 → 25 日, 几周 → 一星期). */
export const UNIT_ALIASES: Readonly<Record<string, readonly string[]>> = {
  点: ['时'],
  号: ['日'],
  周: ['星期', '礼拜'],
  星期: ['周'],
  礼拜: ['周'],
};
/** Units of two characters or more, read whole after 几 / 多少 (几分钟 asks for 分钟, not 分). */
export const LONG_UNITS: readonly string[] = ['分钟', '小时', '工作日', '个月', '星期', '礼拜'];
/** Characters after 几 / 多少 that are no unit (几个人: the unit is the noun after it, not asked). */
export const NOT_UNITS: readonly string[] = ['个', '位', '种', '样', '些', '钱'];
/** Numerals that write a number before a one-character unit (三声, 两次, 半天); digits are indexed apart. */
export const NUMERALS: readonly string[] = ['一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十', '半', '百', '千', '万'];

/**
 * Units of body measurements in a pasted message (158 95斤, 穿 M): they ask about sizes. The
 * numbers beside them are dropped and the query looks for `SIZE_WORD` as well.
 */
export const BODY_UNITS: readonly string[] = ['斤', '公斤', 'kg', 'cm', '厘米', '身高', '体重'];
/** Verbs that say little left alone (来 in 多久来做一次, 给 in 给我): no stand-in words (query.ts LONE_WORDS). */
export const LONE_VERBS = '来去说用有看给让';
/** Units of a product's dimensions (1.8米的床, 55寸电视): the number and unit are dropped (understand.ts). */
export const PRODUCT_UNITS: readonly string[] = ['米', '寸', '英寸'];
/** Clothing sizes written as letters. */
export const SIZE_LETTERS: readonly string[] = ['xs', 's', 'm', 'l', 'xl', 'xxl', 'xxxl', '2xl', '3xl'];
/** What a body measurement asks for (a member of a synonym group: its synonyms come too). */
export const SIZE_WORD = '尺码';

/**
 * Words that name or imply a trade (物业, 美容院, 租金, 网店, 来电 …): a query holding one prefers
 * the entries of that trade, those whose title or place (workflow · step) holds the word, or that
 * belong to the listed tracks (tracks.yaml ids: where that trade's workflows are). Without it, a
 * question about the salon's greeting finds the restaurant's, a lease question the shop's.
 * Rules for editors: words of two characters or more that belong to one trade only in this
 * content (not 客户, 服务, 电话号码); a word may list no track when its workflows' titles hold it.
 */
export const TRADE_WORDS: Readonly<Record<string, readonly string[]>> = {
  物业: [],
  业主: [],
  管家: [],
  美容: ['beauty-medical'],
  美容院: ['beauty-medical'],
  美容师: ['beauty-medical'],
  会所: ['beauty-medical'],
  医美: ['beauty-medical'],
  护理: ['beauty-medical'],
  皮肤: ['beauty-medical'],
  术后: ['beauty-medical'],
  手术: ['beauty-medical'],
  医生: ['beauty-medical'],
  医院: ['beauty-medical'],
  面部: ['beauty-medical'],
  做脸: ['beauty-medical'],
  美白: ['beauty-medical'],
  精华: ['beauty-medical'],
  疗程: ['beauty-medical'],
  招商: ['leasing'],
  租金: ['leasing'],
  房租: ['leasing'],
  租约: ['leasing'],
  续租: ['leasing'],
  退租: ['leasing'],
  商铺: ['leasing'],
  看铺: ['leasing'],
  铺位: ['leasing'],
  商户: ['leasing'],
  网店: ['ecommerce'],
  淘宝: ['ecommerce'],
  旺旺: ['ecommerce'],
  天猫: ['ecommerce'],
  拍下: ['ecommerce'],
  来电: ['call-center'],
  接电话: ['call-center'],
  电话响: ['call-center'],
  热线: ['call-center'],
  上门: ['field-service'],
  维修: ['field-service'],
  送修: ['field-service'],
  修完: ['field-service'],
  餐厅: [],
  饭店: [],
  证券: [],
  烟草: [],
  家装: [],
  装修: [],
  工长: [],
  班主任: [],
  家长: [],
};

/**
 * Characters a query drops when they stand alone as a word (的, 了, 我, 吗 …: the one-character
 * fillers, noise and question words above); the index does not pair them across words
 * (tokenize.ts indexRunTokens).
 */
export const DROPPED_SINGLE_CHARS: ReadonlySet<string> = new Set(
  [...NOISE_WORDS, ...FILLER_WORDS, ...QUESTION_ONLY_WORDS].filter((w) => Array.from(w).length === 1),
);
