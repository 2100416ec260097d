/**
 * Built-in intents: synonym groups every scenario can use without defining them. A scenario
 * that defines an intent with the same id replaces the built-in one. The discount-authority
 * check reads amounts from every intent with `amount: true` (here: promises-discount); a message
 * matching `holds` asks the customer to wait (see the player).
 *
 * These are intents (what the agent is doing), not the standards' phrase lists: polite words,
 * banned phrases and 三不 phrases always come from content/standards (see rules.ts).
 */
import type { IntentDef } from '../../schemas/scenario.ts';

const intent = (label: string, phrases: string[], extra: Partial<IntentDef> = {}): IntentDef => ({
  label,
  phrases,
  unless: [],
  negatable: true,
  amount: false,
  ...extra,
});

export const BUILTIN_INTENTS: Readonly<Record<string, IntentDef>> = {
  greets: intent('问候顾客', ['您好', '你好', '亲', '欢迎光临', '很高兴为您服务', '在的', '在呢', '有什么可以帮']),
  apologises: intent('向顾客致歉', ['抱歉', '对不起', '不好意思', '给您添麻烦', '让您久等', '让您受累', '深表歉意', '道歉'], {
    negatable: false,
  }),
  thanks: intent('感谢顾客', ['谢谢', '感谢', '多谢']),
  closes: intent('礼貌道别', [
    '再见',
    '祝您',
    '欢迎下次',
    '欢迎再来',
    '期待您再次光临',
    '下次再见',
    '拜拜',
    '慢走',
    '回头见',
    '下午见',
    '明天见',
    '路上小心',
  ]),
  holds: intent('请顾客稍等', [
    '稍等',
    '稍候',
    '等我一下',
    '请等一下',
    '等一下',
    '马上回来',
    '马上回复',
    '等我',
    '请您等',
    '我去问问',
    '我去问一下',
    '我去请示',
    '我去查',
    '我去看看',
    '我这就去',
    '我现在就去',
    // Asking a visitor to sit and wait (请您稍坐几分钟).
    '稍坐',
    // Promising to come back with the result asks the customer to wait too (一有结果我马上告诉您).
    '一有结果',
    '有结果马上',
    '有结果第一时间',
    '一有消息',
    '有消息马上',
    '有消息第一时间',
    // Naming when the answer comes asks the customer to wait that long (10分钟内给您回复).
    '分钟内给您回复',
    '分钟内回复',
    '分钟内准时回复',
    '分钟内回您',
    '分钟内给您回电',
    '分钟内给您答复',
    '小时内给您回复',
  ]),
  'escalates-supervisor': intent('请示主管', [
    '主管',
    '领导',
    '组长',
    '店长',
    '上级',
    '请示',
    '帮您申请',
    '去申请',
    '申请一下',
    '部门负责人',
    '负责人',
  ]),
  'promises-discount': intent('承诺优惠', ['便宜', '优惠', '减', '少收', '打折', '让利', '降价', '改价', '返现', '红包', '抹零', '折扣'], {
    amount: true,
    unless: ['原价'],
  }),
  'offers-gift': intent('送赠品', ['赠品', '礼物', '礼品', '小样', '送您', '送你', '赠送', '随单送']),
  'asks-order-number': intent('询问订单号', ['订单号', '单号', '订单编号', '哪个订单', '订单信息', '下单的手机号', '下单账号']),
  'asks-photo': intent('请顾客拍照', [
    '拍照',
    '照片',
    '图片',
    '拍一下',
    '拍个',
    '拍张',
    '拍一张',
    '拍两张',
    '拍几张',
    '拍一两张',
    '近照',
    '实拍',
    '发图',
    '截图',
    '视频',
  ]),
  reassures: intent('安抚顾客', [
    '请放心',
    '您放心',
    '放心吧',
    '可以放心',
    '大可放心',
    '尽管放心',
    '放心购买',
    '别担心',
    '不用担心',
    '别着急',
    '不用着急',
    '一定给您',
    '一定帮您',
    '负责到底',
    '给您一个满意',
    '处理好',
  ]),
};

export const BUILTIN_INTENT_IDS: readonly string[] = Object.keys(BUILTIN_INTENTS);
