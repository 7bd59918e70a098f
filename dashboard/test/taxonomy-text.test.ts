import { describe, expect, it } from "vitest";
import { taxonomyToText, textToTaxonomy } from "../src/components/demand/taxonomy-text";

describe("the taxonomy editor's text form", () => {
  it("reads terms with ASCII or full-width separators and writes them back", () => {
    const parsed = textToTaxonomy("物流慢：物流太慢，快递慢、slow delivery\n\n refund: refund*, money back ");
    expect(parsed).toEqual({
      ok: true,
      terms: [
        { term: "物流慢", phrases: ["物流太慢", "快递慢", "slow delivery"] },
        { term: "refund", phrases: ["refund*", "money back"] },
      ],
    });
    if (parsed.ok)
      expect(taxonomyToText(parsed.terms)).toBe(
        "物流慢: 物流太慢, 快递慢, slow delivery\nrefund: refund*, money back",
      );
  });

  it("says which line is wrong", () => {
    expect(textToTaxonomy("order: 订单\njust words")).toEqual({
      ok: false,
      error: 'line 2: write "term: phrase, phrase"',
    });
    expect(textToTaxonomy("order:  ,  ")).toEqual({ ok: false, error: 'line 1: "order" has no phrases' });
  });
});
