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
  [
    '议价',
    '砍价',
    '讲价',
    '还价',
    '便宜',
    '优惠',
    '打折',
    '折扣',
    '降价',
    '少点',
    '抹零',
    '抹个零',
    '让价',
    '让利',
    '打个折',
    '最低价',
    '少算点',
    '零头',
    '凑个整',
  ],
  ['太贵', '嫌贵', '贵了', '价格高', '价格异议', '好贵', '有点贵', '贵死了', '不值这个价'],
  // A price that went up is a price found too high (物业费又涨了 → 嫌物业费太贵). 涨了 is about
  // prices here: no entry speaks of shares going up.
  ['涨价', '涨了', '上涨', '提价', '太贵'],
  ['比价', '别家', '别人家', '隔壁店', '竞品', '人家店', '别的平台', '拼多多'],
  ['批发', '批量', '量大', '大宗', '拿货', '买得多', '买多', '多买', '量这么大', '数量多', '订得多', '订的多'],
  ['赠品', '礼品', '送点', '小礼物'],
  ['改价', '修改价格', '改一下价'],
  ['报价', '多少钱', '总价', '预算', '啥价', '什么价', '价位', '几多钱', '怎么收费', '收不收费'],
  // Shipping and logistics
  ['快递', '物流', '发货', '包裹', '运单', '快件', '速递'],
  ['到哪了', '查物流', '物流跟踪', '查货', '走到哪', '物流信息', '到哪儿', '走哪了', '物流不动', '物流没更新'],
  [
    '多久到',
    '几天到',
    '到货时间',
    '多久能到',
    '几天能到',
    '运输时间',
    '多久能收到',
    '几天能收到',
    '啥时候到',
    '啥时候能到',
    '多久收到',
    '几天收到',
  ],
  ['催发货', '催单', '还没发货', '还不发', '没发货', '延迟发货', '超时未发货', '迟迟不发', '一直不发', '拖着不发', '待发货'],
  // When it ships, asked before it is late (付好了，早点发 → 24 小时内发货), apart from chasing above.
  [
    '发货时间',
    '什么时候发',
    '早点发',
    '尽快发',
    '快点发',
    '多久发货',
    '几天发货',
    '几天能发',
    '几天可以发',
    '多久能发',
    '啥时候发',
    '几时发',
    '当天发',
    '今天能发',
  ],
  ['包邮', '运费', '邮费', '物流费', '快递费', '免邮', '免运费'],
  ['提货', '自提', '取货'],
  ['指定快递', '顺丰', '韵达', 'ems', '中通', '圆通', '申通', '邮政', '极兔', '德邦'],
  ['改地址', '收货地址', '地址写错', '地址填错', '换地址', '地址错了', '写错地址', '改收件人'],
  // Money back and returns
  ['退款', '退钱', '退费', '返款', '把钱退', '退我钱', '钱退给我', '退全款', '全额退'],
  ['退货', '退回', '退换货', '七天无理由', '无理由退', '退掉', '寄回去'],
  ['换货', '换款', '调换', '换一个', '换色', '换颜色', '换个颜色'],
  ['取消订单', '撤单', '不要了', '取消', '不想要了'],
  // Product problems
  ['正品', '假货', '真假', '保真', '山寨', '高仿', '仿冒', '仿品', 'a货', '水货', '冒牌'],
  ['损坏', '坏了', '破损', '磕碰', '碎了', '裂开', '划痕', '掉漆', '摔坏', '裂了', '压坏', '压扁', '撞坏', '碰坏', '变形'],
  ['少件', '少了', '缺件', '漏发', '少发', '没收全', '漏寄', '少寄', '不齐', '配件不全'],
  ['发错', '错发', '发错货', '寄错', '货不对', '不是我要的'],
  ['色差', '颜色不一样', '颜色不符', '图片不一样', '颜色不对', '偏色', '颜色偏', '图不符', '实物不符'],
  ['质量', '做工', '材质', '质量问题'],
  ['尺码', '码数', '尺寸', '大小', '合身', '穿什么码', '穿哪个码', '选码', '穿啥码', '拍哪个码', '拍什么码', '码子'],
  ['缺货', '没货', '断货', '补货', '库存', '有货', '售罄', '卖完', '卖光', '断码', '超卖', '冇货'],
  // Complaints and emotions
  ['投诉', '骂人', '情绪激动', '发火', '生气', '气死', '态度差', '举报', '维权', '告你们', '火大', '恼火'],
  // 客诉: the Taiwanese word for a customer's complaint.
  ['投诉', '客诉'],
  ['差评', '中评', '低分', '给差评', '烂评', '负评', '恶评', '一颗星'],
  ['好评', '五星', '满分'],
  ['不满意', '失望', '不接受', '服务太差'],
  ['道歉', '对不起', '抱歉', '不好意思'],
  // Not 冲突 (a clash of dates or shifts is no quarrel).
  ['争吵', '吵架', '口角', '争执', '顶撞', '吵起来', '吵了起来', '起冲突'],
  // Asked again and again (都问你三遍了): the bargaining or question repeated.
  ['多次', '反复', '再三', '一再', '好几次', '好几遍', '三遍', '两遍', '第三遍', '磨了半天', '磨半天'],
  // Cold visits to prospects (陌拜 is the trade's shorthand).
  ['陌生拜访', '陌拜', '扫街', '上门拜访'],
  // A call nobody answers: the second try at another time.
  ['联系不上', '打不通', '没人接', '无人接听', '没接电话', '不接电话', '未接通'],
  // Forms not filled in fully (合同没填全 → 填写不详细).
  ['填写不详细', '没填全', '没填完整', '漏填', '填不全'],
  [
    '禁用语',
    '禁语',
    '忌语',
    '负面语言',
    '生硬',
    '推卸责任',
    '不能说的话',
    '不能讲的话',
    '不该说的话',
    '不能跟顾客说',
    '不能对顾客说',
    '话不能说',
    '话不能讲',
    '话不该说',
  ],
  // What staff may decide alone (客服自己最多可以让多少 → 折扣权限).
  ['权限', '自己做主', '做得了主', '自己最多', '自己能让', '最多能让', '最多可以让'],
  // Staff rules: the hours on duty (值班时间睡觉 → 上班时间睡觉).
  ['上班时间', '值班时间', '工作时间', '上班期间', '当班'],
  // Tenant grades (商户ABCD类 → A 类 / B 类 …, 客户分类).
  ['客户分类', '商户分类', 'abcd类', 'abcd', '分成四种', '商户分级', '客户分级'],
  // Pushing a hesitating customer to buy (逼单 is the trade's word).
  ['促成交易', '逼单', '促单', '催单成交', '临门一脚'],
  // The shop's auto-reply when nobody is online (凌晨两点估计没人).
  ['自动回复', '离线', '不在线', '凌晨', '半夜', '深夜', '下班了'],
  ['久等', '没人理', '没人回', '回复太慢', '等半天', '不理人', '不回消息', '半天不回', '客服呢'],
  // Payment and invoices
  ['付款', '付钱', '支付', '付不了', '转账', '汇款', '打钱', '打款', '转钱'],
  // Paid already (付好了 → the confirmation after payment), apart from the ways to pay above.
  ['已付款', '付好了', '付过了', '已经付了'],
  ['支付宝', '担保交易', 'zfb', '花呗'],
  ['定金', '余款', '尾款', '补款', '订金', '预付款'],
  ['发票', '开票', '开发票', '开个票', '专票', '普票'],
  // Service, repair, warranty
  ['保修', '质保', '保修期', '过保'],
  ['维修', '修理', '报修', '修好', '返修', '上门修', '修完'],
  // A device that stops working (not goods broken in transit: 损坏 above).
  ['故障', '黑屏', '死机', '不亮', '开不了机', '出毛病', '报错', '没反应', '失灵', '不好使'],
  ['上门', '到家', '派人', '师傅'],
  // Cleaning up after a job (修完不收拾 → 清洁整理、物品复位).
  ['清洁', '收拾', '打扫', '清理', '清扫'],
  ['量房', '测量', '量尺寸'],
  ['升级', '软件升级', '新版本'],
  // Greetings, closing, callbacks
  ['问候', '在吗', '有人吗', '你好', '打招呼', '开场白', '在么', '在不在', '哈喽', 'hello'],
  ['告别', '再见', '拜拜', '结束语'],
  // A customer leaving the shop or salon: seeing them off.
  ['送客', '要走了', '离店', '送别'],
  ['回访', '回电', '电话回访', '跟进'],
  ['联系', '联络', '沟通'],
  // Not 老板: customers call the agent 老板 (老板，能便宜点吗), which is no escalation.
  ['主管', '领导', '负责人', '经理', '管事的'],
  ['会员', 'vip', '贵宾', '老客户', '老顾客', '回头客', '熟客'],
  // A customer who bought before (之前买过 → 老顾客 / 以后还会再来买). Not 回购 (a share buyback).
  ['回头客', '买过', '再来买', '再次购买'],
  ['推荐', '挑选', '帮我选', '选哪个', '哪个好'],
  ['考虑', '再想想', '再看看', '犹豫'],
  ['预约', '约时间', '改约'],
  ['不方便', '在忙', '正忙', '没空', '开会', '晚点再', '在开车', '走不开', '没时间', '再打过来'],
  // Rules of the service desk
  ['首次响应', '首次回复', '第一次回复', '首响'],
  ['交接班', '交接本', '交班', '交接记录'],
  ['离开岗位', '离岗', '离开工位', '脱岗', '擅离岗位'],
  ['周日', '星期天', '星期日', '礼拜天'],
  ['两周', '两个礼拜', '两个星期'],
  ['每周', '一周', '一个礼拜', '一个星期', '每个礼拜'],
  // The doctor's rounds after an operation (医生一天来看几次).
  ['查房', '巡房', '来看几次'],
  ['早会', '晨会', '班前会'],
  // A tobacco retailer speaking of itself (我这边是烟酒店) is the 零售户 the account manager visits.
  ['零售户', '烟酒店', '烟草零售', '卷烟零售户', '烟店'],
  ['痘痘', '长痘', '痤疮', '粉刺', '青春痘'],
  // The A/B/C plans of a medical-beauty consultation.
  ['方案', '几套方案', '几个方案', '三套方案'],
  // Not 当班 (during one's own shift: 当班时离岗 is no rota).
  ['值班', '轮班', '排班'],
  // Finished (回访要在几天内做完 → 三天内完成).
  ['完成', '做完', '办完', '弄完'],
  ['资料保密', '保密', '泄露', '泄密', '告诉别人', '透露', '卖给别人', '隐私', '个人信息', '信息卖了', '把我信息', '推销电话'],
  ['扣分', '罚款', '处罚', '扣钱', '扣工资', '罚多少', '罚钱', '怎么罚', '会被罚'],
  // The customer's rest time (中午打电话吵醒我 → 避开顾客休息的时间段).
  ['休息的时间', '午休', '午觉', '睡午觉', '午睡', '中午休息', '休息时间'],
  // Money for a renovation (首付款转他个人微信 → 工程款 / 首期款).
  ['工程款', '首期款', '首付款', '首付', '装修款'],
  ['辞退', '解雇', '开除', '除名', '解除劳动合同'],
  // Leasing and property fees
  ['续租', '续约', '续签'],
  // A client who has just signed (新签客户 → 新合作客户).
  ['新签', '新签约', '新合作'],
  ['退租', '不续租', '不续了', '提前退租', '解约', '退铺', '不租了', '撤场', '交铺', '不想租'],
  ['租金', '房租', '租费', '月租', '铺租', '店租', '年租'],
  ['押金', '保证金', '压金', '按金'],
  ['物业费', '管理费'],
  // Beauty and sizes (尺码 stays with 尺寸 above)
  ['过敏', '红疹', '疹子', '发痒', '刺痛', '起痘', '疙瘩', '起红点', '烂脸', '火辣辣', '脸痒'],
  ['换码', '换尺码', '大一码', '小一码', '大一号', '小一号', '换个码', '换大点', '换小点'],
  ['美容师', '美容顾问'],
  ['赶时间', '来得及', '来不及', '时间紧', '时间不够'],
  // Products used at home (a reaction to them is no reaction to a treatment in the salon).
  ['护肤品', '精华', '面霜', '乳液', '面膜', '化妆品'],
  ['到账', '退款时间', '钱多久到', '钱没到', '钱还没到', '钱啥时候到'],
  // Emergencies (property)
  ['停电', '没电', '断电'],
  // Being met on arrival and put up (医美 VIP: 接机、订房).
  ['接机', '接站', '机场', '火车站', '派车'],
  ['订酒店', '订房', '住宿', '酒店'],
  ['漏水', '进水', '发水', '水管爆', '水管爆裂', '渗水', '跑水', '冒水', '淹了', '爆管'],
  ['被偷', '盗窃', '进贼', '被盗', '被撬', '失窃', '遭贼', '小偷', '撬锁'],
  // How customers type it (colloquial, regional, misspelt): proposed by a helper who read the
  // content and the sources (no query set), reviewed for false friends (单号, 店长, 做到哪 left out).
  // sale events: 双十一会不会更便宜 → 优惠截止 / 活动期间要求再便宜
  ['促销', '活动价', '大促', '满减', '双十一', '双11'],
  // overcharging (property fees, repairs) → 物业费投诉, 费用明细
  ['乱收费', '多收钱', '乱收钱', '收费不合理'],
  // customer asks to hold the shipment (房子没装好，先别发)
  ['暂缓发货', '先别发', '先不要发', '等我通知', '先压着', '推迟发货'],
  // parcel lost, or shown as signed for but never received
  ['丢件', '快递丢了', '显示签收', '没收到货', '没收到东西', '冒签'],
  // furniture carried upstairs (六楼没电梯能送上楼吗)
  ['送货上楼', '送上楼', '搬上楼', '送到楼下', '上楼费'],
  // goods late → 投诉提货慢/延误
  ['延误', '晚到', '耽搁'],
  // the customer's own ordering mistake (拍错颜色/尺码/地址)
  ['拍错', '买错', '下错单', '选错', '点错', '拍重', '手滑'],
  // clothing/shoe defects (衣服开线了 → 质量问题，运费店铺出)
  ['起球', '开线', '脱线', '开胶', '掉色', '褪色', '缩水', '线头'],
  // smell of new furniture (床装好了，就是还有点味道)
  ['异味', '味道大', '有味道', '甲醛', '刺鼻'],
  // squeaking furniture or appliance (买回去三天就有异响)
  ['异响', '有响声', '吱吱响', '嘎吱', '咯吱'],
  // escalating to the authorities → 业主扬言向上级部门投诉
  ['市长热线', '12345', '12315', '消协', '住建局', '住建委', '媒体曝光'],
  // demanding a resolution (not 说法 alone: 换个说法 is staff wording)
  ['给个说法', '给我个说法', '要个说法', '讨说法', '讨个说法', '给个交代'],
  // compensation demands (过敏赔医药费, 货延误赔不赔)
  ['赔偿', '赔钱', '索赔', '赔我', '包赔', '补偿'],
  // stuck with auto-replies, asking for a human
  ['转人工', '人工客服', '人工服务'],
  // distrust before buying → 顾客有戒心、不放心
  ['不放心', '靠谱吗', '靠不靠谱', '心里没底', '怕被骗', '骗人'],
  // payment keeps failing → 账号付不了款
  ['付款失败', '支付失败', '付不进去', '扣款失败', '支付不了', '付不成'],
  // someone else pays (能让我朋友帮我付吗)
  ['代付', '帮我付', '帮忙付', '朋友付'],
  // ordered but not paid → 催付 / 拍下未付款想取消
  ['未付款', '没付款', '还没付', '晚点付', '待付款'],
  // pay on delivery (not 到付: that is freight collect)
  ['货到付款', '收到再付', '收货再付', '货到再付', '先货后款'],
  // WeChat as customers spell it to dodge platform filters (加个vx)
  ['微信', 'vx', 'wx', 'v信', '薇信'],
  // a shop unit (档口: Cantonese; 门脸: northern)
  ['铺位', '商铺', '铺面', '铺子', '门面', '档口', '门脸'],
  // refusing to pay property fees over poor service
  ['拒交', '拒缴', '不交了', '不交钱'],
  // asking for a fee reduction (房子空着能减免吗)
  ['减免', '少交', '免交'],
  // common areas not cleaned (楼道几天没人扫)
  ['卫生差', '脏乱差', '没人扫', '没人打扫'],
  // noise complaints (楼上天天半夜吵)
  ['噪音', '扰民', '太吵'],
  // owner taking possession of the flat
  ['收房', '交房', '接房', '办入住', '拿钥匙'],
  // renovation package types, asked together with the total price
  ['全包', '半包', '清包', '包工包料', '包工不包料'],
  // refurbishing → 老房翻新报价 / 大范围翻新需要现场勘察
  ['翻新', '旧房改造', '老房改造', '重新装修'],
  // knocking down walls
  ['拆墙', '砸墙', '敲墙', '打墙', '拆改'],
  // progress of a job (not 进度 alone: 退款进度)
  ['施工进度', '工期', '干到哪', '弄到哪', '到哪一步'],
  // swelling after surgery or treatment
  ['消肿', '肿胀', '水肿', '浮肿', '肿了', '还肿'],
  // bruising after surgery (瘀青: common variant spelling)
  ['淤青', '瘀青', '乌青', '青紫', '发紫'],
  // wound trouble after surgery
  ['渗液', '流脓', '化脓', '发炎', '感染'],
  // unhappy with the result of surgery
  ['效果不满意', '不对称', '做坏了', '做失败', '翻车'],
  // aftercare do's and don'ts
  ['注意事项', '要注意什么', '忌口', '禁忌', '碰水', '沾水'],
  // beautician pushing sales (老是让我办卡)
  ['推销', '强推', '硬推', '强制消费', '强买强卖', '推卡', '推销办卡', '推产品', '让我办卡'],
  // leaving a message for a colleague who is out
  ['留言', '转告', '带个话', '捎个话', '口讯'],
  // missed classes → 补课 (not 请假: customers take leave to wait for repairs)
  ['缺课', '旷课', '落课', '落下的课', '没上课'],
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
