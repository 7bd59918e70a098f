import { qaFlagById, qaRulePrecision, qaScorecards, type Warehouse } from "@starboard/sql";
import { badInput } from "../errors";
import { parseRange } from "./time-range";
import { warehouseCall } from "./warehouse-call";

// QA scorecards and rule precision for reviewers, supervisors and BI: the warehouse's reports in API
// shapes. Neither holds customer data (agent and team ids, rule ids, counts), so no masking applies.

const groupings = { AGENT: "agent", TEAM: "team" } as const;

export class QaReportService {
  constructor(
    private readonly warehouse: Warehouse,
    private readonly tenant: string,
  ) {}

  async scorecards(args: { from: string; to: string; groupBy: string }) {
    const range = parseRange(args.from, args.to);
    const groupBy = groupings[args.groupBy as keyof typeof groupings];
    if (groupBy === undefined) throw badInput("groupBy: AGENT or TEAM", "groupBy");
    const cards = await warehouseCall("qaScorecards", () =>
      qaScorecards(this.warehouse, { ...range, tenant: this.tenant, groupBy }),
    );
    // "" is the group of agents that signed in without a team: null in the API.
    return cards.map((c) => ({ ...c, group: c.group === "" ? null : c.group }));
  }

  async rulePrecision(args: { from: string; to: string }) {
    const range = parseRange(args.from, args.to);
    return warehouseCall("qaRulePrecision", () =>
      qaRulePrecision(this.warehouse, { ...range, tenant: this.tenant }),
    );
  }

  flagTarget(flagId: string) {
    return warehouseCall("reviewQaFlag", () => qaFlagById(this.warehouse, { flagId, tenant: this.tenant }));
  }
}
