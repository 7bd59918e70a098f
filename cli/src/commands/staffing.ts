import { parseArgs } from "node:util";
import { agentsNeeded, type Staffing } from "@starboard/core";
import { type Command, UsageError } from "../command";

const usage = `starboard staffing --calls <n> --interval <s> --aht <s> --target <sl> --threshold <s> [--json]

  Erlang C: the fewest agents whose service level meets the target, with the service level,
  average speed of answer and occupancy at that staffing.

  --calls <n>       contacts offered in the interval (>= 0)
  --interval <s>    interval length in seconds (> 0), e.g. 1800
  --aht <s>         average handle time in seconds (> 0)
  --target <sl>     service-level target as a fraction below 1 (0.8) or a percentage (80%)
  --threshold <s>   answer-within threshold in seconds (>= 0), e.g. 20
  --json            print {"agents":..,"serviceLevel":..,"asa":..,"occupancy":..} (fractions 0..1)`;

/** A number flag; the flag's name is in the message so the user knows which one to fix. */
function numberFlag(
  name: string,
  raw: string | undefined,
  check: (n: number) => boolean,
  rule: string,
): number {
  if (raw === undefined) throw new UsageError(`--${name} is required`);
  const value = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(value) || !check(value)) {
    throw new UsageError(`--${name} must be ${rule}, got "${raw}"`);
  }
  return value;
}

/** "80%" and "0.8" both mean 80 %: people type either, and a bare 80 would be a typo for one of them. */
function targetFlag(raw: string | undefined): number {
  const percent = raw?.trim().endsWith("%") === true;
  const text = percent ? raw?.trim().slice(0, -1) : raw;
  const rule = "a fraction between 0 and 1 (exclusive), e.g. 0.8 or 80%";
  const value = numberFlag("target", text, (n) => (percent ? n > 0 && n < 100 : n > 0 && n < 1), rule);
  return percent ? value / 100 : value;
}

function format(s: Staffing, target: number, threshold: number): string[] {
  const pct = (f: number) => `${(f * 100).toFixed(1)}%`;
  return [
    `traffic       ${s.trafficErlangs.toFixed(2)} erlangs`,
    `agents        ${s.agents}`,
    `service level ${pct(s.serviceLevel)} answered within ${threshold} s (target ${pct(target)})`,
    `ASA           ${s.asa.toFixed(1)} s`,
    `occupancy     ${pct(s.occupancy)}`,
    `P(wait)       ${pct(s.waitProbability)}`,
  ];
}

export const staffingCommand: Command = {
  name: "staffing",
  summary: "Erlang C: agents needed for a service-level target, with SL, ASA and occupancy",
  usage,
  async run(argv, io) {
    const { values } = parseArgs({
      args: argv,
      options: {
        calls: { type: "string" },
        interval: { type: "string" },
        aht: { type: "string" },
        target: { type: "string" },
        threshold: { type: "string" },
        json: { type: "boolean", default: false },
      },
      strict: true,
    });
    const calls = numberFlag("calls", values.calls, (n) => n >= 0, "a number >= 0");
    const interval = numberFlag("interval", values.interval, (n) => n > 0, "a number of seconds > 0");
    const aht = numberFlag("aht", values.aht, (n) => n > 0, "a number of seconds > 0");
    const target = targetFlag(values.target);
    const threshold = numberFlag("threshold", values.threshold, (n) => n >= 0, "a number of seconds >= 0");
    const staffing = agentsNeeded({
      callsPerInterval: calls,
      intervalSeconds: interval,
      ahtSeconds: aht,
      targetServiceLevel: target,
      thresholdSeconds: threshold,
    });
    if (values.json) {
      const { agents, serviceLevel, asa, occupancy } = staffing;
      io.out(JSON.stringify({ agents, serviceLevel, asa, occupancy }));
    } else {
      for (const line of format(staffing, target, threshold)) io.out(line);
    }
    return 0;
  },
};
