// What customers and agents say, in Chinese and English. Written for this simulator: common
// contact-center complaints and product topics, so demand keywords and QA rules have real text.

export type Language = "zh-CN" | "en";
export type TopicId =
  | "refund"
  | "bill"
  | "credit-card"
  | "delivery-late"
  | "password-reset"
  | "app-crash"
  | "complaint"
  | "product-info";

export interface Topic {
  id: TopicId;
  /** Demand category tags as reports show them, one per language. */
  category: Record<Language, string>;
  /** The bot's intent name for it. */
  intent: string;
  /** The customer's first words. */
  opening: Record<Language, readonly string[]>;
  /** What the agent says to resolve it. */
  resolution: Record<Language, readonly string[]>;
}

export const topics: Readonly<Record<TopicId, Topic>> = {
  refund: {
    id: "refund",
    category: { "zh-CN": "退款", en: "refund" },
    intent: "request-refund",
    opening: {
      "zh-CN": [
        "我要退款，订单已经取消三天了还没到账",
        "退款申请提交一周了，钱什么时候退回来？",
        "商品有质量问题，我想申请退款",
      ],
      en: [
        "I want a refund, I cancelled the order three days ago",
        "My refund still hasn't arrived after a week",
        "The item arrived damaged, I need a refund",
      ],
    },
    resolution: {
      "zh-CN": ["已为您加急处理退款，预计3-5个工作日原路退回", "退款已经审核通过，请留意银行到账短信"],
      en: [
        "I've escalated your refund; it will reach your card in 3-5 business days",
        "Your refund is approved, you'll get a bank notification",
      ],
    },
  },
  bill: {
    id: "bill",
    category: { "zh-CN": "账单", en: "billing" },
    intent: "query-bill",
    opening: {
      "zh-CN": [
        "这个月的账单金额不对，多扣了一笔钱",
        "帮我查一下上个月的账单明细",
        "为什么账单上有一笔我没用过的服务费？",
      ],
      en: [
        "My bill this month is wrong, I was charged twice",
        "Can you explain the service fee on my bill?",
        "I need last month's bill breakdown",
      ],
    },
    resolution: {
      "zh-CN": ["多扣的费用已经为您冲正，下期账单会抵扣", "账单明细已经发送到您的邮箱"],
      en: [
        "The duplicate charge is reversed and will show on your next bill",
        "I've emailed you the itemized bill",
      ],
    },
  },
  "credit-card": {
    id: "credit-card",
    category: { "zh-CN": "信用卡", en: "credit card" },
    intent: "query-credit-card-bill",
    opening: {
      "zh-CN": [
        "信用卡还款失败了，会不会影响征信？",
        "我的信用卡被盗刷了，请马上冻结",
        "信用卡额度能不能提高一点？",
      ],
      en: [
        "My credit card payment failed, will it hurt my credit?",
        "Someone used my credit card, please block it now",
        "Can I get a higher credit card limit?",
      ],
    },
    resolution: {
      "zh-CN": ["卡片已冻结，新卡会在7个工作日内寄出", "已为您提交提额申请，结果会短信通知"],
      en: [
        "The card is blocked and a new one ships within 7 business days",
        "I've submitted a limit increase, you'll get a text with the result",
      ],
    },
  },
  "delivery-late": {
    id: "delivery-late",
    category: { "zh-CN": "物流慢", en: "delivery late" },
    intent: "track-delivery",
    opening: {
      "zh-CN": [
        "快递一周了还没到，物流信息也不更新",
        "物流太慢了，说好的次日达呢？",
        "包裹显示已签收但我根本没收到",
      ],
      en: [
        "My package is a week late and tracking hasn't moved",
        "Delivery was promised next day, where is it?",
        "Tracking says delivered but I never got it",
      ],
    },
    resolution: {
      "zh-CN": ["已联系快递公司加急派送，明天送达", "已为您补发一件，今天发出"],
      en: ["I've asked the courier to expedite, it arrives tomorrow", "We're sending a replacement today"],
    },
  },
  "password-reset": {
    id: "password-reset",
    category: { "zh-CN": "密码重置", en: "password reset" },
    intent: "reset-password",
    opening: {
      "zh-CN": [
        "登录密码忘了，收不到验证码怎么重置？",
        "账号被锁定了，需要密码重置",
        "改了密码以后App一直提示密码错误",
      ],
      en: [
        "I forgot my password and the reset code never arrives",
        "My account is locked, I need a password reset",
        "After changing my password the app says it's wrong",
      ],
    },
    resolution: {
      "zh-CN": ["已为您解锁账号，请用短信里的链接重置密码", "验证码通道已恢复，请重新获取"],
      en: [
        "Your account is unlocked; use the link in the text to reset",
        "The code service is back, please request a new one",
      ],
    },
  },
  "app-crash": {
    id: "app-crash",
    category: { "zh-CN": "App闪退", en: "app crash" },
    intent: "report-app-issue",
    opening: {
      "zh-CN": ["App一打开就闪退，已经重装过了", "付款页面一直转圈，付不了钱", "更新以后App登录不上"],
      en: [
        "The app crashes as soon as I open it",
        "The payment page keeps spinning",
        "I can't log in since the update",
      ],
    },
    resolution: {
      "zh-CN": ["这是已知问题，请更新到最新版本", "已记录问题，技术部门会跟进并回复您"],
      en: [
        "It's a known issue, please update to the latest version",
        "I've logged it and our tech team will follow up",
      ],
    },
  },
  complaint: {
    id: "complaint",
    category: { "zh-CN": "投诉", en: "complaint" },
    intent: "file-complaint",
    opening: {
      "zh-CN": [
        "我要投诉！等了半个小时都没人处理",
        "你们的服务太差了，我要投诉上次那个客服",
        "问题反映三次了还没解决，我要投诉到消协",
      ],
      en: [
        "I want to file a complaint, nobody has helped me for half an hour",
        "Your service is terrible, I want to complain about the last agent",
        "I've reported this three times, I'm escalating",
      ],
    },
    resolution: {
      "zh-CN": [
        "非常抱歉给您带来不便，已升级为紧急工单，主管会在24小时内回电",
        "已记录您的投诉，并为您补偿一张优惠券",
      ],
      en: [
        "I'm very sorry; this is now an urgent case and a supervisor will call within 24 hours",
        "Your complaint is recorded and we've added a voucher to your account",
      ],
    },
  },
  "product-info": {
    id: "product-info",
    category: { "zh-CN": "产品咨询", en: "product info" },
    intent: "ask-product",
    opening: {
      "zh-CN": ["这款套餐包含多少流量？", "会员有什么优惠活动吗？", "这个产品支持七天无理由退货吗？"],
      en: [
        "How much data does this plan include?",
        "Are there any member discounts right now?",
        "Can I return this product within seven days?",
      ],
    },
    resolution: {
      "zh-CN": ["详细介绍已经发给您，有问题随时联系我们", "该产品支持七天无理由退货"],
      en: ["I've sent you the details, reach out anytime", "Yes, it has a seven-day no-questions return"],
    },
  },
};

export const topicIds = Object.keys(topics) as TopicId[];

export const greetings: Record<Language, readonly string[]> = {
  "zh-CN": ["您好，很高兴为您服务，请问有什么可以帮您？", "您好，我是客服小张，请问遇到了什么问题？"],
  en: ["Hi, thanks for contacting us, how can I help?", "Hello, my name is Sam, what can I do for you?"],
};

export const followUps: Record<Language, readonly string[]> = {
  "zh-CN": ["好的，请提供一下您的订单号", "我帮您查询一下，请稍等", "明白了，正在为您核实"],
  en: [
    "Sure, may I have your order number?",
    "Let me check that for you, one moment",
    "Understood, I'm looking into it",
  ],
};

export const customerReplies: Record<Language, readonly string[]> = {
  "zh-CN": ["订单号是20261130889", "好的，谢谢", "那要多久？", "好吧，麻烦快一点"],
  en: ["The order number is 20261130889", "OK, thanks", "How long will that take?", "Fine, please hurry"],
};

export const closings: Record<Language, readonly string[]> = {
  "zh-CN": ["感谢您的耐心，祝您生活愉快！", "还有其他问题吗？没有的话祝您愉快！"],
  en: ["Thanks for your patience, have a great day!", "Anything else I can help with? Have a good day!"],
};

/** Agent lines a QA rule should flag: rude words, promises agents may not make, shirking (推诿). */
export const qaViolations: Record<Language, readonly { text: string; category: string }[]> = {
  "zh-CN": [
    { text: "你烦不烦啊，我说了多少遍了", category: "abuse" },
    { text: "我保证明天一定全额退款", category: "prohibited-promise" },
    { text: "这不归我们管，你自己去找快递", category: "shirking" },
    { text: "爱用不用，不行你就投诉吧", category: "abuse" },
  ],
  en: [
    { text: "Are you stupid? I already told you twice", category: "abuse" },
    { text: "I guarantee you'll get a full refund tomorrow", category: "prohibited-promise" },
    { text: "That's not our problem, go ask the courier yourself", category: "shirking" },
  ],
};

export const botLines: Record<
  Language,
  { greet: string; clarify: string; resolved: string; handoff: string }
> = {
  "zh-CN": {
    greet: "您好，我是智能助手小星，请简单描述您的问题",
    clarify: "请问您是想咨询以下哪个问题？",
    resolved: "已为您处理完成，还有其他问题吗？",
    handoff: "正在为您转接人工客服，请稍候",
  },
  en: {
    greet: "Hi, I'm Starbot. Briefly, what do you need help with?",
    clarify: "Did you mean one of these topics?",
    resolved: "All done! Anything else?",
    handoff: "Connecting you with a human agent, please hold",
  },
};

export const csatComments: Record<Language, { good: readonly string[]; bad: readonly string[] }> = {
  "zh-CN": {
    good: ["客服很耐心，问题解决了", "处理很快，满意", "态度很好"],
    bad: ["等太久了", "问题没解决，很失望", "客服态度差"],
  },
  en: {
    good: ["Very patient agent, problem solved", "Quick and helpful", "Great service"],
    bad: ["Waited far too long", "Problem not solved, disappointed", "The agent was rude"],
  },
};

export const ticketNotes: Record<Language, { internal: readonly string[]; public: readonly string[] }> = {
  "zh-CN": {
    internal: ["已联系仓库核实库存", "需要财务部确认退款流水", "客户情绪激动，请优先处理"],
    public: ["您的问题正在处理中，我们会尽快回复", "已为您安排专人跟进"],
  },
  en: {
    internal: [
      "Checked stock with the warehouse",
      "Finance must confirm the refund transaction",
      "Upset customer, please prioritize",
    ],
    public: ["We're working on it and will reply soon", "A specialist is now following up"],
  },
};
