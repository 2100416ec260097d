/**
 * Domain synonyms for search, kept as data: each group lists words that customers and agents use
 * for the same thing. When a query contains a member (after folding, so Traditional and full-width
 * spellings count), the other members are searched too, with a lower weight than the words typed.
 *
 * Rules for editors: members of two characters or more (one character matches inside too many
 * words); Simplified Chinese; put the most common word first; a word may appear in two groups
 * when it really has two meanings.
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  // Price and bargaining
  ['议价', '砍价', '讲价', '还价', '便宜', '优惠', '打折', '折扣', '降价', '少点', '抹零', '抹个零', '让价', '让利'],
  ['太贵', '嫌贵', '贵了', '价格高', '价格异议'],
  // A price that went up is a price found too high (物业费又涨了 → 嫌物业费太贵). 涨了 is about
  // prices here: no entry speaks of shares going up.
  ['涨价', '涨了', '上涨', '提价', '太贵'],
  ['比价', '别家', '别人家', '隔壁店', '竞品'],
  ['批发', '批量', '量大', '大宗', '拿货', '买得多', '买多', '多买'],
  ['赠品', '礼品', '送点', '小礼物'],
  ['改价', '修改价格', '改一下价'],
  ['报价', '多少钱', '总价', '预算'],
  // Shipping and logistics
  ['快递', '物流', '发货', '包裹', '运单'],
  ['到哪了', '查物流', '物流跟踪', '查货', '走到哪', '物流信息'],
  ['多久到', '几天到', '到货时间', '多久能到', '几天能到', '运输时间', '多久能收到', '几天能收到'],
  ['催发货', '催单', '还没发货', '还不发', '没发货', '延迟发货', '超时未发货'],
  // When it ships, asked before it is late (付好了，早点发 → 24 小时内发货), apart from chasing above.
  ['发货时间', '什么时候发', '早点发', '尽快发', '快点发', '多久发货', '几天发货', '几天能发', '几天可以发', '多久能发'],
  ['包邮', '运费', '邮费', '物流费'],
  ['提货', '自提', '取货'],
  ['指定快递', '顺丰', '韵达', 'ems'],
  ['改地址', '收货地址', '地址写错', '地址填错', '换地址'],
  // Money back and returns
  ['退款', '退钱', '退费', '返款', '把钱退'],
  ['退货', '退回', '退换货', '七天无理由', '无理由退'],
  ['换货', '换款', '调换', '换一个'],
  ['取消订单', '撤单', '不要了', '取消', '不想要了'],
  // Product problems
  ['正品', '假货', '真假', '保真', '山寨', '高仿', '仿冒'],
  ['损坏', '坏了', '破损', '磕碰', '碎了', '裂开', '划痕', '掉漆', '摔坏'],
  ['少件', '少了', '缺件', '漏发', '少发', '没收全'],
  ['发错', '错发', '发错货'],
  ['色差', '颜色不一样', '颜色不符', '图片不一样'],
  ['质量', '做工', '材质', '质量问题'],
  ['尺码', '码数', '尺寸', '大小', '合身', '穿什么码', '穿哪个码', '选码'],
  ['缺货', '没货', '断货', '补货', '库存', '有货'],
  // Complaints and emotions
  ['投诉', '骂人', '情绪激动', '发火', '生气', '气死', '态度差', '举报'],
  // 客诉: the Taiwanese word for a customer's complaint.
  ['投诉', '客诉'],
  ['差评', '中评', '低分', '给差评'],
  ['好评', '五星', '满分'],
  ['不满意', '失望', '不接受', '服务太差'],
  ['道歉', '对不起', '抱歉', '不好意思'],
  // Not 冲突 (a clash of dates or shifts is no quarrel).
  ['争吵', '吵架', '口角', '争执', '顶撞'],
  // Asked again and again (都问你三遍了): the bargaining or question repeated.
  ['多次', '反复', '再三', '一再', '好几次', '好几遍', '三遍', '两遍'],
  ['禁用语', '禁语', '忌语', '负面语言', '生硬', '推卸责任'],
  ['久等', '没人理', '没人回', '回复太慢', '等半天'],
  // Payment and invoices
  ['付款', '付钱', '支付', '付不了', '转账', '汇款'],
  // Paid already (付好了 → the confirmation after payment), apart from the ways to pay above.
  ['已付款', '付好了', '付过了', '已经付了'],
  ['支付宝', '担保交易'],
  ['定金', '余款', '尾款', '补款'],
  ['发票', '开票', '开发票'],
  // Service, repair, warranty
  ['保修', '质保', '保修期', '过保'],
  ['维修', '修理', '报修', '修好', '返修', '上门修', '修完'],
  // A device that stops working (not goods broken in transit: 损坏 above).
  ['故障', '黑屏', '死机', '不亮', '开不了机', '出毛病'],
  ['上门', '到家', '派人', '师傅'],
  // Cleaning up after a job (修完不收拾 → 清洁整理、物品复位).
  ['清洁', '收拾', '打扫', '清理', '清扫'],
  ['量房', '测量', '量尺寸'],
  ['升级', '软件升级', '新版本'],
  // Greetings, closing, callbacks
  ['问候', '在吗', '有人吗', '你好', '打招呼', '开场白'],
  ['告别', '再见', '拜拜', '结束语'],
  // A customer leaving the shop or salon: seeing them off.
  ['送客', '要走了', '离店', '送别'],
  ['回访', '回电', '电话回访', '跟进'],
  ['联系', '联络', '沟通'],
  // Not 老板: customers call the agent 老板 (老板，能便宜点吗), which is no escalation.
  ['主管', '领导', '负责人', '经理'],
  ['会员', 'vip', '贵宾', '老客户', '老顾客', '回头客', '熟客'],
  // A customer who bought before (之前买过 → 老顾客 / 以后还会再来买). Not 回购 (a share buyback).
  ['回头客', '买过', '再来买', '再次购买'],
  ['推荐', '挑选', '帮我选', '选哪个', '哪个好'],
  ['考虑', '再想想', '再看看', '犹豫'],
  ['预约', '约时间', '改约'],
  ['不方便', '在忙', '正忙', '没空', '开会', '晚点再'],
  // Rules of the service desk
  ['首次响应', '首次回复', '第一次回复', '首响'],
  ['交接班', '交接本', '交班', '交接记录'],
  ['离开岗位', '离岗', '离开工位', '脱岗', '擅离岗位'],
  ['周日', '星期天', '星期日', '礼拜天'],
  // Not 当班 (during one's own shift: 当班时离岗 is no rota).
  ['值班', '轮班', '排班'],
  // Finished (回访要在几天内做完 → 三天内完成).
  ['完成', '做完', '办完', '弄完'],
  ['资料保密', '保密', '泄露', '泄密', '告诉别人', '透露'],
  ['扣分', '罚款', '处罚', '扣钱', '扣工资'],
  ['辞退', '解雇', '开除', '除名', '解除劳动合同'],
  // Leasing and property fees
  ['续租', '续约', '续签'],
  // A client who has just signed (新签客户 → 新合作客户).
  ['新签', '新签约', '新合作'],
  ['退租', '不续租', '不续了', '提前退租', '解约'],
  ['租金', '房租', '租费'],
  ['押金', '保证金'],
  ['物业费', '管理费'],
  // Beauty and sizes (尺码 stays with 尺寸 above)
  ['过敏', '红疹', '疹子', '发痒', '刺痛', '起痘'],
  ['换码', '换尺码', '大一码', '小一码'],
  ['美容师', '美容顾问'],
  ['赶时间', '来得及', '来不及', '时间紧', '时间不够'],
  // Products used at home (a reaction to them is no reaction to a treatment in the salon).
  ['护肤品', '精华', '面霜', '乳液', '面膜', '化妆品'],
  ['到账', '退款时间', '钱多久到'],
  // Emergencies (property)
  ['停电', '没电', '断电'],
  // Being met on arrival and put up (医美 VIP: 接机、订房).
  ['接机', '接站', '机场', '火车站', '派车'],
  ['订酒店', '订房', '住宿', '酒店'],
  ['漏水', '进水', '发水', '水管爆', '水管爆裂'],
  ['被偷', '盗窃', '进贼', '被盗', '被撬'],
];

/**
 * Words staff put at the end of a query to say what kind of entry they want: 撤单流程 looks for
 * the workflow 撤单处理, 催付话术 for scripts. The word is dropped from the query (when something
 * is left) and entries of that kind rank higher.
 */
export const KIND_SUFFIXES: Readonly<Record<string, 'script' | 'workflow' | 'standard'>> = {
  流程: 'workflow',
  sop: 'workflow',
  话术: 'script',
  标准: 'standard',
};
