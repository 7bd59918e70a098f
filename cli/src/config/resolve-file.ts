// The parsed YAML laid over the defaults, with the cross-references checked (an agent's skill is a
// known skill, an overflow goes to a known queue): zod checks shapes, this checks meaning.

import { compileRules, type DemandTaxonomy, defaultDemandTaxonomy, type QueueConfig } from "@starboard/core";
import { ConfigError } from "./errors";
import type { FileConfig, FileQueue } from "./file-types";
import { toBusinessHours } from "./hours";
import type { StarboardConfig } from "./types";

function queueConfig(
  q: FileQueue,
  file: FileConfig,
  sla: StarboardConfig["sla"],
  where: string,
): QueueConfig {
  const hours = q.hours ?? file.businessHours;
  const { name: _name, channels: _channels, hours: _hours, ...engine } = q;
  return {
    ...engine,
    thresholdSeconds: q.thresholdSeconds ?? sla.thresholdSeconds,
    targetServiceLevel: q.targetServiceLevel ?? sla.targetServiceLevel,
    ...(hours === undefined
      ? {}
      : {
          hours: toBusinessHours(hours, q.hours === undefined ? `${where}: businessHours` : `${where}.hours`),
        }),
  };
}

/** The file's taxonomy, a list it leaves out kept from the built-in one; a bad rule names its place. */
function demandTaxonomy(file: FileConfig, where: string): DemandTaxonomy | undefined {
  if (file.demand === undefined) return undefined;
  const taxonomy: DemandTaxonomy = {
    categories: file.demand.categories ?? defaultDemandTaxonomy.categories,
    keywords: file.demand.keywords ?? defaultDemandTaxonomy.keywords,
  };
  for (const list of ["categories", "keywords"] as const) {
    try {
      compileRules(taxonomy[list]);
    } catch (error) {
      throw new ConfigError(
        `${where}: demand.${list}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  return taxonomy;
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new ConfigError(message);
}

export function applyFile(base: StarboardConfig, file: FileConfig, where: string): StarboardConfig {
  const sla = { ...base.sla, ...file.sla };
  const skills = file.skills ?? base.skills;
  const known = (skill: string) => skills.length === 0 || skills.includes(skill);
  const queues = file.queues ?? [];
  const ids = new Set<string>();
  queues.forEach((q, i) => {
    const at = `${where}: queues[${i}]`;
    check(!ids.has(q.id), `${at}.id: "${q.id}" is listed twice`);
    ids.add(q.id);
    q.defaultSkills?.forEach((s, k) => {
      check(known(s.skill), `${at}.defaultSkills[${k}].skill: "${s.skill}" is not in skills`);
    });
  });
  queues.forEach((q, i) => {
    const at = `${where}: queues[${i}]`;
    if (q.overflow !== undefined)
      check(ids.has(q.overflow.toQueueId), `${at}.overflow.toQueueId: no queue "${q.overflow.toQueueId}"`);
    const closed = (q.hours ?? file.businessHours)?.closedQueueId;
    if (closed !== undefined) check(ids.has(closed), `${at}: hours.closedQueueId: no queue "${closed}"`);
  });
  (file.agents ?? []).forEach((a, i) => {
    a.skills.forEach((s, k) => {
      check(known(s.skill), `${where}: agents[${i}].skills[${k}].skill: "${s.skill}" is not in skills`);
    });
  });
  const routing = { ...base.routing, ...file.routing };
  return {
    ...base,
    configFile: where.replace(/^STARBOARD_CONFIG /, ""),
    tenant: file.tenant ?? base.tenant,
    skills,
    sla,
    alerts: {
      ...base.alerts,
      ...file.alerts,
      awaySeconds: { ...base.alerts.awaySeconds, ...file.alerts?.awaySeconds },
      utcOffsetMinutes: file.businessHours?.utcOffsetMinutes ?? base.alerts.utcOffsetMinutes,
    },
    ports: { ...base.ports, ...file.ports },
    webhookSecret: file.webhookSecret ?? base.webhookSecret,
    agents: (file.agents ?? []).map((a) => ({
      ...a,
      name: a.name ?? a.id,
      capacity: a.capacity ?? { voice: 1 },
    })),
    qaRules: (file.qaRules ?? []).map((r) => ({ ...r, severity: r.severity ?? "warning" })),
    demand: demandTaxonomy(file, where),
    customers: (file.customers ?? []).map((c) => ({
      ...c,
      phones: c.phones ?? [],
      identities: c.identities ?? [],
      tier: c.tier ?? "standard",
      tags: c.tags ?? [],
    })),
    routing: {
      ...routing,
      queues:
        queues.length === 0
          ? base.routing.queues
          : queues.map((q, i) => queueConfig(q, file, sla, `${where}: queues[${i}]`)),
    },
  };
}
