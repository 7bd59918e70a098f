// The lines printed once everything is up: where to point a browser, a BI tool, a webhook.

import type { Platform } from "./platform";

/** 127.0.0.1 is where the servers listen by default; people type localhost. */
const friendly = (url: string) => url.replace("//127.0.0.1:", "//localhost:");

export function summary(p: Platform): string[] {
  const { config } = p;
  const mode =
    config.kafkaBrokers.length === 0
      ? `embedded, data in ${config.dataDir}`
      : `Kafka ${config.kafkaBrokers.join(",")}`;
  const lines = [`starboard is running (${mode}; services: ${config.services.join(", ")})`];
  const row = (name: string, value: string) => lines.push(`  ${name.padEnd(10)} ${value}`);
  if (config.services.includes("dashboard"))
    row(
      "dashboard",
      p.dashboard?.url ?? `http://localhost:${config.ports.dashboard} (not built yet: not served)`,
    );
  if (config.services.includes("graphql"))
    row(
      "GraphQL",
      p.graphqlUrl === undefined
        ? `http://localhost:${config.ports.graphql}/graphql (not started)`
        : friendly(p.graphqlUrl),
    );
  if (p.chat !== undefined) row("chat", `${p.chat.url}/chat/events`);
  if (p.tickets !== undefined) row("tickets", `${p.tickets.url}/tickets/events`);
  if (p.telephony !== undefined) row("esl", p.telephony.address);
  row("ops", `${friendly(p.ops.url)}/metrics, /healthz, /readyz`);
  row("simulator", p.simulator);
  lines.push("Ctrl+C stops it (a restart picks up where it stopped).");
  return lines;
}

/** What this run did, for the last lines on the way out. */
export function totals(p: Platform): string[] {
  const lines: string[] = [];
  if (p.router !== undefined) {
    const r = p.router.stats;
    const anomalies = p.router.engine.anomalies.total;
    lines.push(
      `  router: ${r.applied} events routed live (${r.replayed} replayed at start), ${r.published} decisions/commands published, ${anomalies} anomalies`,
    );
  }
  if (p.sink !== undefined) {
    const s = p.sink.stats;
    lines.push(
      `  sink: ${s.written} events written in ${s.writes} inserts, ${s.duplicates} duplicates dropped, ${s.deadLettered} dead-lettered`,
    );
  }
  if (p.demo !== undefined) {
    const d = p.demo.stats;
    lines.push(
      `  simulator: ${d.contacts} contacts (${d.calls} calls, ${d.chats} chats, ${d.tickets} tickets)`,
    );
  }
  return lines;
}
