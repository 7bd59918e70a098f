import { describe, expect, it } from "vitest";
import { CustomerDirectory, type CustomerRecord, phoneKey } from "../../src/customers/index";

const vip: CustomerRecord = {
  id: "c-vip",
  name: "Ada",
  phones: ["+1 (415) 555-0100"],
  identities: ["ada@example.com", "visitor-77"],
  tier: "vip",
  tags: ["enterprise"],
};
const retail: CustomerRecord = { id: "c-retail", phones: ["+8613800138000"], identities: [], tags: [] };

describe("phoneKey", () => {
  it.each([
    ["+14155550100", "14155550100"],
    ["+1 (415) 555-0100", "14155550100"],
    ["0014155550100", "14155550100"],
    ["tel:+86 138 0013 8000", "8613800138000"],
    ["1234", undefined],
    ["anonymous", undefined],
  ])("%s -> %s", (phone, key) => {
    expect(phoneKey(phone)).toBe(key);
  });
});

describe("CustomerDirectory", () => {
  const directory = () => new CustomerDirectory([vip, retail]);

  it.each([
    ["+14155550100", "c-vip"],
    ["0014155550100", "c-vip"],
    ["ADA@example.com", "c-vip"],
    ["visitor-77", "c-vip"],
    ["+86 138 0013 8000", "c-retail"],
    ["+14155550199", undefined],
    ["anonymous", undefined],
  ])("recognizes %s as %s", (address, id) => {
    expect(directory().recognize(address)?.id).toBe(id);
  });

  it("replaces a customer's numbers on update, so an old number is no longer theirs", () => {
    const d = directory();
    d.upsert({ ...vip, phones: ["+442079460000"] });
    expect(d.recognize("+14155550100")).toBeUndefined();
    expect(d.recognize("+44 20 7946 0000")?.tier).toBe("vip");
    expect(d.size).toBe(2);
  });

  it("gives a number moved to another customer to them, and keeps it when the old owner is removed", () => {
    const d = directory();
    d.upsert({ ...retail, phones: ["+14155550100"] });
    expect(d.recognize("+14155550100")?.id).toBe("c-retail");
    d.remove("c-vip");
    expect(d.recognize("+14155550100")?.id).toBe("c-retail");
    expect(d.byId("c-vip")).toBeUndefined();
    expect(d.recognize("ada@example.com")).toBeUndefined();
  });
});
