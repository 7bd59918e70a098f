import { parseArgs } from "node:util";
import { openEventLog, publishEvents } from "@starboard/core";
import { defaultProfile, generateHistory } from "@starboard/ingest";
import { type Command, UsageError } from "../command";
import { baseConfig } from "../config";

function integer(name: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^-?\d+$/.test(text) || n < min || n > max)
    throw new UsageError(`--${name} must be an integer in ${min}..${max} (got "${text}")`);
  return n;
}

export const simulateCommand: Command = {
  name: "simulate",
  summary: "back-fill the log with past days of simulated contact-center traffic",
  usage: `starboard simulate --days <n> [--seed <n>] [--agents <n>] [--end <time>] [--json]

  --days <n>     days of history to generate, ending at --end (1..3650)
  --seed <n>     random seed (default 1): the same seed and hours give the same events and ids
  --agents <n>   agents of the default profile (default 30; queues, skills and volume follow)
  --end <time>   ISO-8601 end of the history (default now)
  --json         the summary on stdout as one JSON object
  Events go to the log (Kafka when STARBOARD_KAFKA_BROKERS is set, else the embedded log in
  STARBOARD_DATA_DIR) and from there through the sink to the warehouse. Ids are derived from the
  seed and the hour, so running it again (or over overlapping days) adds nothing the sink keeps.
  Progress is reported on stderr.`,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      options: {
        days: { type: "string" },
        seed: { type: "string", default: "1" },
        agents: { type: "string", default: "30" },
        end: { type: "string" },
        json: { type: "boolean", default: false },
      },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if (values.days === undefined) throw new UsageError("missing --days");
    const days = integer("days", values.days, 1, 3_650);
    const seed = integer("seed", values.seed, 0, 2 ** 32 - 1);
    const agents = integer("agents", values.agents, 5, 5_000);
    const endAt = values.end === undefined ? new Date() : new Date(values.end);
    if (Number.isNaN(endAt.getTime()))
      throw new UsageError(`--end must be an ISO-8601 time (got "${values.end}")`);
    const profile = defaultProfile({ agents, seed });
    const config = baseConfig();
    const log = await openEventLog({ dataDir: config.dataDir, kafkaBrokers: config.kafkaBrokers });
    const started = Date.now();
    let events = 0;
    let hours = 0;
    const byType: Record<string, number> = {};
    try {
      for (const batch of generateHistory({ profile, days, endAt, seed })) {
        if (batch.length > 0) await publishEvents(log, batch);
        events += batch.length;
        for (const e of batch) byType[e.type] = (byType[e.type] ?? 0) + 1;
        hours += 1;
        if (hours % 24 === 0) io.err(`day ${hours / 24}/${days}: ${events} events`);
      }
    } finally {
      await log.close();
    }
    const seconds = (Date.now() - started) / 1000;
    const summary = {
      days,
      seed,
      agents,
      endAt: endAt.toISOString(),
      events,
      contacts: byType["contact.created"] ?? 0,
      tickets: byType["ticket.created"] ?? 0,
      csatAnswers: byType["csat.survey-answered"] ?? 0,
      seconds,
      log: config.kafkaBrokers.length > 0 ? "kafka" : config.dataDir,
    };
    if (values.json) io.out(JSON.stringify(summary));
    else
      io.out(
        `${events} events (${summary.contacts} contacts, ${summary.tickets} tickets, ${summary.csatAnswers} CSAT answers) over ${days} days to ${endAt.toISOString()} in ${seconds.toFixed(1)} s -> ${summary.log}`,
      );
    return 0;
  },
};
