import type { Language } from "./phrases";
import type { Rng } from "./rng";

export type CustomerTier = "vip" | "high-value" | "standard" | "new";

export interface Customer {
  id: string;
  name: string;
  /** E.164. */
  phone: string;
  email: string;
  tier: CustomerTier;
  language: Language;
}

const zhNames = ["王芳", "李强", "张伟", "刘洋", "陈静", "杨磊", "赵敏", "黄婷", "周杰", "吴娜"];
const enNames = ["Alice Chen", "Bob Smith", "Carol Wang", "David Lee", "Emma Brown", "Frank Li"];

/** A stable population: the same seed gives the same customers, ids, numbers and tiers. */
export function makeCustomers(count: number, rng: Rng): Customer[] {
  const customers: Customer[] = [];
  for (let i = 0; i < count; i++) {
    const language: Language = rng.chance(0.75) ? "zh-CN" : "en";
    const id = `cust-${String(100001 + i)}`;
    const tier = rng.weighted({ vip: 4, "high-value": 12, standard: 74, new: 10 });
    const phone =
      language === "zh-CN"
        ? `+861${rng.pick(["38", "39", "58", "86", "88"])}${String(rng.int(0, 99_999_999)).padStart(8, "0")}`
        : `+1${rng.int(201, 989)}${String(rng.int(0, 9_999_999)).padStart(7, "0")}`;
    customers.push({
      id,
      name: language === "zh-CN" ? rng.pick(zhNames) : rng.pick(enNames),
      phone,
      email: `${id}@example.com`,
      tier,
      language,
    });
  }
  return customers;
}

/**
 * Who contacts next: a returning customer (one of the recent contacts, so repeat contacts about
 * the same problem happen) or anyone from the population.
 */
export class CustomerPicker {
  private readonly recent: Customer[] = [];

  constructor(
    private readonly customers: readonly Customer[],
    private readonly returningShare: number,
  ) {
    if (customers.length === 0) throw new Error("CustomerPicker: the profile has no customers");
  }

  next(rng: Rng): { customer: Customer; returning: boolean } {
    const returning = this.recent.length > 0 && rng.chance(this.returningShare);
    const customer = returning ? rng.pick(this.recent) : rng.pick(this.customers);
    this.recent.push(customer);
    if (this.recent.length > 200) this.recent.shift();
    return { customer, returning };
  }
}
