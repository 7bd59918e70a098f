import {
  channelEffectiveness,
  type DemandTermKind,
  demandShare,
  type ServiceMeasure,
  type Warehouse,
} from "@starboard/sql";
import { badInput } from "../errors";
import { enumName } from "../live/model";
import { currentTaxonomy } from "./demand-taxonomy";
import { parseRange } from "./time-range";
import { warehouseCall } from "./warehouse-call";

// Demand for executives: what share of contacts mention each category, tracked keyword or IVR intent,
// day by day with a trend; and which channel serves customers best.

const measureName: Record<ServiceMeasure, string> = {
  csat: "CSAT",
  resolutionRate: "RESOLUTION_RATE",
  abandonRate: "ABANDON_RATE",
  asaSeconds: "ASA",
  firstResponseSeconds: "FIRST_RESPONSE",
};

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

  async effectiveness(args: { from: string; to: string; minCsatResponses: number }) {
    const range = parseRange(args.from, args.to);
    if (!Number.isInteger(args.minCsatResponses) || args.minCsatResponses < 1)
      throw badInput("minCsatResponses: a whole number from 1", "minCsatResponses");
    const r = await warehouseCall("channelEffectiveness", () =>
      channelEffectiveness(this.warehouse, {
        ...range,
        tenant: this.tenant,
        minCsatResponses: args.minCsatResponses,
      }),
    );
    return {
      bestChannel: r.bestChannel === null ? null : enumName(r.bestChannel),
      channels: r.channels.map((c) => ({
        ...c,
        channel: enumName(c.channel),
        bestAt: c.bestAt.map((m) => measureName[m]),
      })),
    };
  }

  /** The demand taxonomy in force (the newest saved through the API, else the built-in one). */
  taxonomy() {
    return currentTaxonomy(this.warehouse, this.tenant);
  }
}
