import { agentsNeeded, CustomerDirectory, phoneKey } from "@starboard/core";
import {
  agentPerformance,
  channelComparison,
  customerHistory,
  demand,
  type QueueIntervalReport,
  qaFlags,
  serviceLevelByInterval,
  supervisorAudit,
  ticketProgress,
  ticketSlaByDepartment,
  totalServiceLevel,
  type Warehouse,
} from "@starboard/sql";
import { badInput } from "../errors";
import { enumName } from "../live/model";
import { BotReportService } from "./bot-reports";
import { DemandReportService } from "./demand-reports";
import { cursorAt, pageOf, pageWindow } from "./pagination";
import { QaReportService } from "./qa-reports";
import {
  checkTimeZone,
  dayBuckets,
  intervalBucket,
  offsetMinutes,
  parseRange,
  type Range,
} from "./time-range";
import { warehouseCall } from "./warehouse-call";

// Reports for executives and BI tools: the warehouse's named queries in API shapes. A warehouse
// failure is UPSTREAM_UNAVAILABLE (retry later), never a stack trace.

/** The customer directory as the API reads it (core's CustomerDirectory, kept current from its topic). */
export type CustomerLookup = Pick<CustomerDirectory, "byPhone" | "byId">;

const channelOrNull = (c: string) => (c === "" ? null : enumName(c));
const utc = (t: string | null) => (t === null ? null : t.includes("T") ? t : `${t.replace(" ", "T")}Z`);

export class ReportService {
  /** QA scorecards, rule precision and flag look-ups. */
  readonly qa: QaReportService;
  /** Bot and IVR self-service. */
  readonly bot: BotReportService;
  /** Shares of contacts per demand term. */
  readonly demandTerms: DemandReportService;

  constructor(
    private readonly warehouse: Warehouse,
    private readonly tenant: string,
    private readonly customers: CustomerLookup = new CustomerDirectory(),
  ) {
    this.qa = new QaReportService(warehouse, tenant);
    this.bot = new BotReportService(warehouse, tenant);
    this.demandTerms = new DemandReportService(warehouse, tenant);
  }

  private run<T>(what: string, work: () => Promise<T>): Promise<T> {
    return warehouseCall(what, work);
  }

  async channelReport(args: { from: string; to: string; interval: string; timeZone: string }) {
    const range = parseRange(args.from, args.to);
    const timeZone = checkTimeZone(args.timeZone);
    if (args.interval !== "DAY" && args.interval !== "WEEK")
      throw badInput("interval: the channel report is by DAY or WEEK", "interval");
    if (offsetMinutes(timeZone, range.from) !== 0 || offsetMinutes(timeZone, range.to) !== 0)
      throw badInput(
        "timeZone: the channel report counts whole UTC days (its rollup is daily in UTC); use UTC, or serviceLevel for local intervals",
        "timeZone",
      );
    const buckets = dayBuckets(range, timeZone, args.interval === "WEEK");
    const rows = (r: Range) =>
      this.run("channelReport", () =>
        channelComparison(this.warehouse, { ...r, tenant: this.tenant, firstResponse: true }),
      );
    const toApi = (list: Awaited<ReturnType<typeof rows>>) =>
      list.map((c) => ({ ...c, channel: enumName(c.channel) }));
    const totals = toApi(await rows(range));
    const perBucket = [];
    for (const b of buckets)
      perBucket.push({
        start: b.from.toISOString(),
        end: b.to.toISOString(),
        channels: toApi(await rows(b)),
      });
    return {
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      interval: args.interval,
      timeZone,
      totals,
      buckets: perBucket,
    };
  }

  async serviceLevel(args: {
    queueId?: string | null;
    from: string;
    to: string;
    interval: string;
    timeZone: string;
    thresholdSeconds: number;
    grouping: string;
  }) {
    const range = parseRange(args.from, args.to);
    const timeZone = checkTimeZone(args.timeZone);
    if (
      !Number.isInteger(args.thresholdSeconds) ||
      args.thresholdSeconds < 0 ||
      args.thresholdSeconds > 3_600
    )
      throw badInput("thresholdSeconds: a whole number of seconds from 0 to 3600", "thresholdSeconds");
    const rows = await this.run("serviceLevel", () =>
      serviceLevelByInterval(this.warehouse, {
        ...range,
        tenant: this.tenant,
        ...(args.queueId ? { queueId: args.queueId } : {}),
        intervalMinutes: 15,
        thresholdSeconds: args.thresholdSeconds,
        groupBy: args.grouping === "EVENT" ? "event" : "queued",
      }),
    );
    // 15-minute rows regrouped into local hours or days: every zone's offset is a multiple of 15 min.
    const bucketOf = (start: string): string =>
      intervalBucket(new Date(utc(start) ?? start), args.interval, timeZone);
    const groups = new Map<string, QueueIntervalReport[]>();
    for (const r of rows) {
      const key = `${r.queueId}\u0000${bucketOf(r.intervalStart)}`;
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    const toApi = (r: QueueIntervalReport, start: string) => ({ ...r, start });
    const intervals = [...groups.entries()].map(([key, list]) => {
      const start = key.split("\u0000")[1] ?? "";
      return toApi(list.length === 1 && list[0] !== undefined ? list[0] : totalServiceLevel(list), start);
    });
    const total = { ...totalServiceLevel(rows), queueId: args.queueId ?? "*" };
    return {
      queueId: args.queueId ?? null,
      thresholdSeconds: args.thresholdSeconds,
      intervals,
      total: toApi(total, range.from.toISOString()),
      // Not a schema field: what ServiceLevelReport.staffed needs, read only when a client asks.
      staffedQuery: { queueId: args.queueId ?? null, ...range, interval: args.interval, timeZone },
    };
  }

  async agentPerformance(args: { from: string; to: string; first?: number | null; after?: string | null }) {
    const range = parseRange(args.from, args.to);
    const rows = await this.run("agentPerformance", () =>
      agentPerformance(this.warehouse, { ...range, tenant: this.tenant }),
    );
    return pageOf(rows, args.first, args.after);
  }

  async demand(args: { from: string; to: string; kind?: string | null }) {
    const range = parseRange(args.from, args.to);
    const rows = await this.run("demand", () => demand(this.warehouse, { ...range, tenant: this.tenant }));
    return rows
      .map((t) => ({ ...t, kind: enumName(t.kind) }))
      .filter((t) => args.kind === undefined || args.kind === null || t.kind === args.kind);
  }

  async ticket(number: string) {
    if (number.length === 0 || number.length > 64) throw badInput("number: 1 to 64 characters", "number");
    const t = await this.run("ticket", () =>
      ticketProgress(this.warehouse, { ticketNumber: number, tenant: this.tenant }),
    );
    if (t === undefined) return null;
    return { ...t, number: t.ticketNumber, status: t.status.toUpperCase() };
  }

  async ticketSla(args: { from: string; to: string }) {
    const range = parseRange(args.from, args.to);
    return this.run("ticketSla", () =>
      ticketSlaByDepartment(this.warehouse, { ...range, tenant: this.tenant }),
    );
  }

  async customer(args: { phone?: string | null; id?: string | null }) {
    const key = args.phone ?? args.id;
    if (key === undefined || key === null || key === "") throw badInput("give phone or id", "phone");
    const record = args.phone ? this.customers.byPhone(args.phone) : this.customers.byId(args.id ?? "");
    // Contacts name the customer by id when recognized, else only by the address they came from,
    // as the source wrote it: the directory's spelling of the number asked for, not the caller's.
    const asked = args.phone ?? undefined;
    const phone =
      record === undefined
        ? asked
        : (record.phones.find((p) => asked !== undefined && phoneKey(p) === phoneKey(asked)) ??
          record.phones[0]);
    const history = await this.run("customer", () =>
      customerHistory(this.warehouse, { customer: record?.id ?? key, tenant: this.tenant }),
    );
    const byAddress =
      record !== undefined && phone !== undefined && phone !== record.id
        ? await this.run("customer", () =>
            customerHistory(this.warehouse, { customer: phone, tenant: this.tenant }),
          )
        : { contacts: [], tickets: [] };
    const seen = new Set<string>();
    const contacts = [...history.contacts, ...byAddress.contacts].filter((c) => {
      if (seen.has(c.contactId)) return false;
      seen.add(c.contactId);
      return true;
    });
    if (record === undefined && contacts.length === 0 && history.tickets.length === 0) return null;
    const scores = contacts.flatMap((c) => (c.csatScore === null ? [] : [c.csatScore]));
    return {
      id: record?.id ?? key,
      phone: phone ?? null,
      name: record?.name ?? null,
      tier: record?.tier ?? null,
      tags: record?.tags ?? [],
      contacts: contacts.map((c) => ({
        ...c,
        channel: channelOrNull(c.channel),
        startedAt: utc(c.startedAt),
        endedAt: utc(c.endedAt),
      })),
      tickets: history.tickets.map((t) => ({
        ...t,
        number: t.ticketNumber,
        createdAt: utc(t.createdAt),
        resolvedAt: utc(t.resolvedAt),
      })),
      csatAverage: scores.length === 0 ? null : scores.reduce((a, b) => a + b, 0) / scores.length,
    };
  }

  async qaFlags(args: { from: string; to: string; first?: number | null; after?: string | null }) {
    const range = parseRange(args.from, args.to);
    const rows = await this.run("qaFlags", () =>
      qaFlags(this.warehouse, { ...range, tenant: this.tenant, limit: 10_000 }),
    );
    const flags = rows.map((f) => ({
      ...f,
      id: f.flagId,
      flaggedAt: utc(f.flaggedAt),
      channel: channelOrNull(f.channel),
      location: {
        type: f.location.type,
        id: f.location.id,
        charStart: f.location.charRange[0],
        charEnd: f.location.charRange[1],
        offsetMs: f.location.offsetMs,
      },
    }));
    return pageOf(flags, args.first, args.after);
  }

  async auditLog(args: { from: string; to: string; first?: number | null; after?: string | null }) {
    const range = parseRange(args.from, args.to);
    // Paged in SQL (an audit trail can be long), with the same opaque offset cursors as elsewhere.
    const { offset, limit } = pageWindow(args.first, args.after);
    const { rows, total } = await this.run("auditLog", () =>
      supervisorAudit(this.warehouse, { ...range, tenant: this.tenant, limit, offset }),
    );
    const nodes = rows.map((r) => ({
      ...r,
      action: enumName(r.action),
      role: r.role.toUpperCase(),
      mode: r.mode === null ? null : r.mode.toUpperCase(),
      callId: r.contactId,
      actor: r.actorId,
    }));
    const end = offset + nodes.length;
    return {
      nodes,
      totalCount: total,
      pageInfo: {
        endCursor: nodes.length === 0 ? (args.after ?? null) : cursorAt(end),
        hasNextPage: end < total,
      },
    };
  }

  staffing(args: {
    calls: number;
    intervalSeconds: number;
    ahtSeconds: number;
    targetServiceLevel: number;
    thresholdSeconds: number;
  }) {
    try {
      const s = agentsNeeded({
        callsPerInterval: args.calls,
        intervalSeconds: args.intervalSeconds,
        ahtSeconds: args.ahtSeconds,
        targetServiceLevel: args.targetServiceLevel,
        thresholdSeconds: args.thresholdSeconds,
      });
      return { ...s, asaSeconds: s.asa };
    } catch (error) {
      throw badInput(error instanceof Error ? error.message : String(error));
    }
  }
}
