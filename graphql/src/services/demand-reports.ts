import { type DemandTermKind, demandShare, type Warehouse } from "@starboard/sql";
import { badInput } from "../errors";
import { enumName } from "../live/model";
import { parseRange } from "./time-range";
import { warehouseCall } from "./warehouse-call";

// Demand shares for executives: what share of contacts mention each category, tracked keyword or IVR
// intent, day by day with a trend.

const kinds: Record<string, DemandTermKind> = { CATEGORY: "category", KEYWORD: "keyword", INTENT: "intent" };

export class DemandReportService {
  constructor(
    private readonly warehouse: Warehouse,
    private readonly tenant: string,
  ) {}

  async share(args: { from: string; to: string; kind?: string | null }) {
    const range = parseRange(args.from, args.to);
    const kind = args.kind === undefined || args.kind === null ? undefined : kinds[args.kind];
    if (args.kind !== undefined && args.kind !== null && kind === undefined)
      throw badInput("kind: CATEGORY, KEYWORD or INTENT", "kind");
    const r = await warehouseCall("demandShare", () =>
      demandShare(this.warehouse, { ...range, tenant: this.tenant, ...(kind === undefined ? {} : { kind }) }),
    );
    return { ...r, terms: r.terms.map((t) => ({ ...t, kind: enumName(t.kind) })) };
  }
}
