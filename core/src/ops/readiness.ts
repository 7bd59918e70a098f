// Each service says whether it is ready (its consumer caught up, its store answers) and healthy
// (alive and able to recover by itself). The ops server asks every check on each /readyz and
// /healthz; a check that throws or does not answer in time counts as failing, with the reason.

import { errorMessage } from "../log/errors";
import type { EventLog } from "../log/types";
import { consumerLag } from "./lag";
import { scrubText } from "./redact";

export interface CheckResult {
  ok: boolean;
  /** For a person reading /readyz: "3,200 records behind (tolerance 1,000)". */
  detail?: string;
}

export type Check = () => CheckResult | boolean | Promise<CheckResult | boolean>;

export interface ServiceChecks {
  /** Unique in the registry: "sink", "warehouse", "log"... */
  name: string;
  ready: Check;
  /** Absent: healthy while the process runs. */
  healthy?: Check;
}

export interface CheckReport {
  name: string;
  ok: boolean;
  detail?: string;
}

export interface Report {
  ok: boolean;
  checks: CheckReport[];
}

export class Readiness {
  private readonly services = new Map<string, ServiceChecks>();

  /** `timeoutMs` bounds each check, so a hung store makes /readyz say so instead of hanging. */
  constructor(private readonly timeoutMs = 2_000) {}

  /** Adds a service's checks; the returned function removes them (when the service stops). */
  add(checks: ServiceChecks): () => void {
    if (this.services.has(checks.name))
      throw new Error(`readiness: a check named "${checks.name}" exists already`);
    this.services.set(checks.name, checks);
    return () => {
      if (this.services.get(checks.name) === checks) this.services.delete(checks.name);
    };
  }

  get names(): string[] {
    return [...this.services.keys()];
  }

  ready(): Promise<Report> {
    return this.run((s) => s.ready);
  }

  healthy(): Promise<Report> {
    return this.run((s) => s.healthy);
  }

  private async run(pick: (s: ServiceChecks) => Check | undefined): Promise<Report> {
    const checks = await Promise.all(
      [...this.services.values()].map(async (service): Promise<CheckReport> => {
        const check = pick(service);
        if (check === undefined) return { name: service.name, ok: true };
        const result = await this.bounded(check);
        return { name: service.name, ...result };
      }),
    );
    return { ok: checks.every((c) => c.ok), checks };
  }

  private async bounded(check: Check): Promise<CheckResult> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<CheckResult>((resolve) => {
      timer = setTimeout(
        () => resolve({ ok: false, detail: `no answer within ${this.timeoutMs} ms` }),
        this.timeoutMs,
      );
    });
    try {
      const answer = Promise.resolve()
        .then(check)
        .then((r): CheckResult => (typeof r === "boolean" ? { ok: r } : r));
      return await Promise.race([answer, late]);
    } catch (error) {
      // Errors can carry connection strings or numbers: the detail is scrubbed like a log line.
      return { ok: false, detail: scrubText(errorMessage(error)) };
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * Ready when the group has committed all but `tolerance` records of the topic: a consumer working
 * through a backlog is alive but not ready (its reports or decisions are behind the log).
 */
export function consumerCaughtUp(log: EventLog, groupId: string, topic: string, tolerance = 1_000): Check {
  return async () => {
    const lag = await consumerLag(log, groupId, topic);
    return {
      ok: lag <= tolerance,
      detail: `${groupId}: ${lag} records behind on ${topic} (tolerance ${tolerance})`,
    };
  };
}

/** Ready while `ping` resolves (a store answering SELECT 1, a log answering its end offsets). */
export function answers(ping: () => Promise<unknown>): Check {
  return async () => {
    await ping();
    return { ok: true };
  };
}
