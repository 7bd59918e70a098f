import { DEFAULT_HANDOFF } from "@starboard/core";
import { selfServiceReport, type Warehouse } from "@starboard/sql";
import { badInput } from "../errors";
import { enumName } from "../live/model";
import { parseRange } from "./time-range";
import { warehouseCall } from "./warehouse-call";

// Bot and IVR self-service for executives and BI: containment, hand-off reasons and what followed.
// "Senior" defaults to the router's built-in hand-off rule (DEFAULT_HANDOFF.seniorLevel); an install
// that configures another level passes it as seniorLevel.

export class BotReportService {
  constructor(
    private readonly warehouse: Warehouse,
    private readonly tenant: string,
  ) {}

  async botAnalytics(args: { from: string; to: string; seniorLevel?: number | null }) {
    const range = parseRange(args.from, args.to);
    const seniorLevel = args.seniorLevel ?? DEFAULT_HANDOFF.seniorLevel;
    if (!Number.isInteger(seniorLevel) || seniorLevel < 1 || seniorLevel > 10)
      throw badInput("seniorLevel: a skill level from 1 to 10", "seniorLevel");
    const report = await warehouseCall("botAnalytics", () =>
      selfServiceReport(this.warehouse, { ...range, tenant: this.tenant, seniorLevel }),
    );
    return {
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      seniorLevel,
      totals: report.totals.map((t) => ({
        ...t,
        kind: enumName(t.kind),
        channel: t.channel === null ? null : enumName(t.channel),
      })),
      handoffReasons: report.handoffReasons.map((r) => ({ ...r, kind: enumName(r.kind) })),
      daily: report.daily.map((d) => ({ ...d, kind: enumName(d.kind) })),
    };
  }
}
