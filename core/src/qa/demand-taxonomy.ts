// The default demand taxonomy: what customers contact about (categories) and phrases worth tracking
// day by day (keywords), in Chinese and English. They are QA phrase rules (same folding, separators
// and word boundaries as the QA rules), read on the customer's side only; a rule's `category` is the
// demand category or keyword it stands for. An install replaces them with its own
// (startQaService({ demand: compileTaxonomy(...) })).

export interface DemandTaxonomy {
  /** Phrase rules whose category is a demand category: product-question, order, logistics... */
  categories: readonly unknown[];
  /** Phrase rules whose category is a tracked keyword, e.g. 物流慢 (slow delivery). */
  keywords: readonly unknown[];
}

const rule = (id: string, category: string, phrases: string[], extra: Record<string, unknown> = {}) => ({
  id,
  kind: "phrases",
  category,
  severity: "low",
  side: "customer",
  phrases,
  ...extra,
});

export const defaultDemandTaxonomy: DemandTaxonomy = {
  categories: [
    rule("demand-product", "product-question", [
      "型号",
      "规格",
      "尺寸",
      "颜色",
      "参数",
      "有货吗",
      "有没有货",
      "怎么用",
      "in stock",
      "which model",
      "what size",
      "what colours",
      "specs",
    ]),
    rule("demand-order", "order", [
      "订单",
      "下单",
      "改地址",
      "修改地址",
      "取消订单",
      "order number",
      "my order",
      "cancel the order",
      "change the address",
    ]),
    rule("demand-logistics", "logistics", [
      "物流",
      "快递",
      "发货",
      "配送",
      "还没到",
      "还没收到",
      "没收到货",
      "运单",
      "delivery",
      "shipping",
      "tracking number",
      "parcel",
      "package",
      "courier",
    ]),
    rule("demand-refund", "refund", ["退款", "退货", "退钱", "refund*", "money back"], {
      // A customer confirming a finished refund is not asking for one.
      notFollowedBy: ["成功", "已到账", "到账了", "went through", "arrived"],
    }),
    rule("demand-complaint", "complaint", [
      "投诉",
      "差评",
      "太差了",
      "不满意",
      "complain*",
      "unacceptable",
      "terrible service",
    ]),
    rule("demand-technical", "technical", [
      "登录不了",
      "登不上",
      "打不开",
      "闪退",
      "报错",
      "死机",
      "连不上",
      "can't log in",
      "cannot log in",
      "crash*",
      "error message",
      "not working",
      "won't open",
    ]),
    rule("demand-billing", "billing", [
      "账单",
      "扣费",
      "多扣",
      "扣了两次",
      "发票",
      "bill",
      "charged twice",
      "invoice",
    ]),
  ],
  keywords: [
    rule("kw-slow-delivery", "物流慢", [
      "物流慢",
      "物流太慢",
      "物流怎么这么慢",
      "快递慢",
      "快递太慢",
      "slow delivery",
      "delivery is slow",
      "delivery is so slow",
    ]),
    rule("kw-slow-refund", "退款慢", [
      "退款慢",
      "退款太慢",
      "退款还没到",
      "钱还没退",
      "refund still",
      "still no refund",
    ]),
    rule("kw-quality", "质量问题", [
      "质量问题",
      "质量太差",
      "质量差",
      "破损",
      "坏了",
      "broken",
      "damaged",
      "poor quality",
    ]),
    rule("kw-attitude", "服务态度", ["态度差", "态度不好", "态度太差", "rude"]),
  ],
};
