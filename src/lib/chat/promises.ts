/**
 * Promises an agent makes that need authority: compensation in money (赔您100元, 补偿您50块,
 * 全额退款, 误工费全赔), things given away (免三个月租金, 免费换新, 物业费全免) and guarantees of
 * an outcome (保证/包您满意/假一赔十/百分之百/我做主/半小时一定到). Discounts (便宜30元, 打8折)
 * are read by the `amount` intents (intents.ts) and checked next to these (checks.ts
 * checkAuthority).
 *
 * A promise is `deferred` (passed on to whoever decides, which is what the rules ask) when its
 * clause says so: 帮您申请补偿, 赔偿要核实后由负责人定, 请示主管. A negated one (不能保证, 没法
 * 赔偿) is no promise, nor one a denied guarantee takes back (明天一定到这个我没法保证;
 * normalize.ts promiseDenied). Works on the compact normalised text (normalize.ts). Pure; never throws.
 */
import { parseNumber } from './amounts.ts';
import { excerpt, guaranteeDenials, isNegated, promiseDenied, splitClauses, type Folded } from './normalize.ts';

export type PromiseKind = 'compensation' | 'guarantee';

export interface AgentPromise {
  kind: PromiseKind;
  /** Amount in yuan, when the promise names one. */
  yuan?: number;
  /** The words of the promise (compact form). */
  words: string;
  /** An excerpt of the trainee's words around it. */
  evidence: string;
  /** The clause passes it on to a supervisor or the rules instead of promising it. */
  deferred: boolean;
}

const NUM = '(\\d{1,9}(?:\\.\\d{1,2})?|[零〇一二两三四五六七八九十百千万]{1,8})';

const COMPENSATION: readonly RegExp[] = [
  new RegExp(`(?:赔偿|补偿|赔|补|返还|退还|返|给)(?:给)?(?:您|你)?(?:现金|红包)?${NUM}(?:元|块钱|块)`, 'g'),
  /全额(?:退款|赔偿|赔付|退)|退全款|全部退款|全赔|照价赔偿|双倍赔|三倍赔/g,
  /误工费(?:我们|由我们|都)?(?:赔|出|报销|承担)/g,
  new RegExp(`免(?:您)?${NUM}个?月`, 'g'),
  // An amount waived on the spot (那100元我也给您免了, 这100元我们也不收了).
  new RegExp(`${NUM}(?:元|块钱|块).{0,6}(?:免(?:了|掉)|不收了|不用付了|不用交了|不用出了)`, 'g'),
  /免费(?:给您|为您|帮您)?(?:换|送|赔|寄|发|补)(?:给)?(?:您|一|个|台|套|件|只)*新/g,
  // More money back on top of what was decided (这100元我们也一起退给您).
  new RegExp(`${NUM}(?:元|块钱|块).{0,8}也(?:一起|一并|都)?(?:退|返|还)(?:给|还)?(?:您|你)`, 'g'),
  /(?:物业费|租金|管理费)全免/g,
  /直接送给您|(?:您|你)?留着用/g,
  // Money back named as compensation (再给您退 500 元补偿).
  new RegExp(`退(?:给)?(?:您|你)?${NUM}(?:元|块钱|块)(?:的)?(?:补偿|赔偿)`, 'g'),
  // Keeping the item as well as the money or a new one (退款后东西不用寄回); not when the item is
  // repaired where it is (师傅上门修复，不用您跑，也不用寄回).
  /不用退回|不用寄回/g,
  // A charge the rules put on the customer taken off on the spot (运费我们店里出，您一分钱不用花).
  /一分钱(?:都|也)?不用(?:您|你)?(?:花|出|付|掏)/g,
  /(?:全部|全都)退(?:给|还)(?:您|你)|全退(?:给|还)?(?:您|你)|(?:给|帮)(?:您|你)全退/g,
  // Whatever the customer names is paid (您说多少钱我们就赔多少).
  /(?:说|要)多少(?:钱)?.{0,4}就赔多少|赔多少都行|多少钱都赔/g,
  /送(?:您|你)(?:一次|一个|一份|一年|半年)?免费(?:的)?(?:清洗|保养|维修|安装|上门|服务)/g,
];

const GUARANTEE: readonly RegExp[] = [
  // 保证金 is a deposit; 保证(是品牌)正品 states what the shop sells, as 质量保证 does (NOT_A_PROMISE).
  /(?:保证|包您|包你|打包票|担保)(?!金|.{0,5}正品)/g,
  /假一赔[十百千万\d]+/g,
  /百分之百|100%/g,
  /绝对(?:没问题|不会|能|是正品|满意)/g,
  /我(?:来|也|就|能|可以)?做(?:得了)?主(?!的)|我个人负责|出了问题我负责/g,
  // A staff decision promised on the spot (那个组长我们马上开除).
  /(?:马上|立刻|立马|一定|肯定|直接)(?:把.{0,4})?(?:开除|辞退|炒掉)/g,
  /(?:一定|肯定)(?:能|会)?(?:今天|明天|马上|半小时|\d{1,2}(?:点|小时|分钟)).{0,6}(?:到|修好|到账|送到|解决|上门)/g,
  /(?:今天|明天|后天|马上|周末|周[一二三四五六日天]|星期[一二三四五六日天]|\d{1,2}(?:号|日))(?:之前|以前|前)?(?:就)?(?:一定|肯定|保证)(?:能|会)?(?:到|送到|送达|到货|修好|到账|上门)/g,
];

/** A clause that hands the decision to someone with authority, or to the rules. */
const DEFERRED =
  /申请|请示|核实|上报|报给|提交|由.{0,8}(?:主管|经理|负责人|领导|公司)|(?:主管|经理|负责人|领导|公司).{0,8}(?:定|决定|批|答复|审核)|按.{0,6}规定|要看|需要.{0,4}(?:主管|经理|负责人|确认)/;
/**
 * The order's own money back when the message is about cancelling or sending it back (没发出就能
 * 取消，全额退款; 拒签后全额退款): the normal course of a cancellation or a return, not compensation.
 */
const ORDER_REFUND = /取消|撤单|没发|未发|还没发货|拒签|退回|寄回|退货|原路/;
/** 不用寄回 is a gift only with money back or a new one in the same message. */
const KEEPS_AND_GETS = /退款|退钱|退给|补发|换新|换一|新的|重新发|再发|赔/;
const REFUND_WORDS = /^(?:全额(?:退款|退)|退全款|全部退款)$/;
/** 有保证, 质量保证, 正品保证: a statement about the product, not a promise. */
const NOT_A_PROMISE = /(?:有|质量|品质|售后|正品)保证$|保证正品$/;
/** 我只说我们能保证的, 能保证的事: what can be promised, talked about. */
const ABOUT_WHAT = /^的/;
/**
 * What the agent vouches for in their own work (保证不弄脏您的地板, 保证准时到), or that the part they
 * send is the right one (按您这一批的型号补，保证装得上), is no outcome beyond authority.
 */
const OWN_CONDUCT =
  /^(?:不弄脏|不会弄脏|干干净净|收拾干净|准时|按时|守时|提前到|第一时间|及时|装得上|能装上|对得上|配得上|型号一致|型号对)/;
/** 谁打包票都是不负责任的, 没人敢保证: talk about promises, not one. */
const ABOUT_PROMISES = /(?:谁|没人|没有人|任何人)(?:敢|能|要是|来|跟您)?$/;
/** The message relays a decision someone with authority made (主管说/经理同意 …). */
const RELAYED = /(?:主管|经理|负责人|组长|公司)/;
const NOT_RELAYED = /(?:不用|不必|别)(?:找|问)|我(?:来)?做主/;

/** The message relays a decision someone with authority made (负责人的处理意见是…). */
export function relaysDecision(f: Folded): boolean {
  return RELAYED.test(f.text) && !NOT_RELAYED.test(f.text);
}

/**
 * Every promise in one agent message. `afterRelay`: the agent's previous message, with no
 * customer line in between, relayed a decision (负责人的处理意见是… then 保洁费先全额退还给您):
 * what follows is part of that decision.
 */
export function findPromises(f: Folded, afterRelay = false): AgentPromise[] {
  const out: AgentPromise[] = [];
  const relayed = afterRelay || relaysDecision(f);
  const clauses = splitClauses(f.text);
  const denials = guaranteeDenials(clauses);
  for (const [ci, clause] of clauses.entries()) {
    const deferred = relayed || DEFERRED.test(clause.text);
    const seen: [number, number][] = [];
    const scan = (kind: PromiseKind, list: readonly RegExp[]) => {
      for (const re of list) {
        re.lastIndex = 0;
        for (const m of clause.text.matchAll(re)) {
          const pos = m.index;
          const end = pos + m[0].length;
          if (seen.some(([a, b]) => pos < b && end > a)) continue;
          if (isNegated(clause.text, pos, m[0].length)) continue;
          if (promiseDenied(clauses, denials, ci, pos)) continue;
          if (
            kind === 'guarantee' &&
            (NOT_A_PROMISE.test(clause.text.slice(0, end)) ||
              ABOUT_PROMISES.test(clause.text.slice(0, pos)) ||
              ABOUT_WHAT.test(clause.text.slice(end)) ||
              OWN_CONDUCT.test(clause.text.slice(end)))
          )
            continue;
          if (kind === 'compensation' && REFUND_WORDS.test(m[0]) && ORDER_REFUND.test(f.text)) continue;
          if (kind === 'compensation' && /^不用(?:退回|寄回)$/.test(m[0]) && !KEEPS_AND_GETS.test(f.text)) continue;
          seen.push([pos, end]);
          const n = m[1] !== undefined && /元|块/.test(m[0]) ? parseNumber(m[1]) : undefined;
          out.push({
            kind,
            ...(n !== undefined && Number.isFinite(n) ? { yuan: n } : {}),
            words: m[0],
            evidence: excerpt(f, clause.start + pos, m[0].length),
            deferred,
          });
        }
      }
    };
    scan('compensation', COMPENSATION);
    scan('guarantee', GUARANTEE);
  }
  return out;
}

/**
 * Asking for what only the customer may know (验证码, 密码, 银行卡号) or for money past the
 * platform (加我个人微信转给我, 转到我的支付宝, 直接给我80元现金): no agent may do either, whatever the shop (the money is
 * paid on the platform, which holds it; the site's rule, from the standards on authority). Not a
 * warning against it (谁让您转账到私人账户，都别给; 千万不要把验证码告诉任何人).
 */
const ASKS_SECRET = /(?:验证码|密码|银行卡号|卡号|安全码|cvv).{0,8}(?:告诉我|发给我|发我|给我|报给我|报一下|报给|提供给我|说一下)/iu;
const PAY_PAST_PLATFORM =
  /(?:转(?:账|款|钱)?|付(?:款|钱)?|打(?:款|钱))(?:\d+(?:元|块)?)?(?:给我|到我|我个人)|(?:个人|私人)(?:微信|支付宝|账户|账号|银行卡).{0,6}(?:转|付|打款)|(?:加|用)(?:我|一下我)的?(?:个人|私人)?(?:微信|支付宝).{0,10}(?:转|付)|私下(?:转账|付款|交易)|(?:给|付|交)(?:给)?我(?:\d+(?:元|块)?|[零一二两三四五六七八九十百千]+(?:元|块))?现金|(?:不用|不走|别走)(?:平台|线上)(?:付|支付|交|走)?/u;
const WARNS = /别|不要|千万|切勿|谨防|小心|骗|不会(?:让|要|向)|都不能|不能给|谁.{0,12}都/u;

/** What a message asks that no agent may (ASKS_SECRET, PAY_PAST_PLATFORM), or undefined. */
export function offLimits(text: string): { what: 'secret' | 'past-platform'; words: string } | undefined {
  if (WARNS.test(text)) return undefined;
  const secret = ASKS_SECRET.exec(text);
  if (secret) return { what: 'secret', words: secret[0] };
  const pay = PAY_PAST_PLATFORM.exec(text);
  return pay ? { what: 'past-platform', words: pay[0] } : undefined;
}
