import type { Queue } from "../../lib/live-types";

// When a queue tile turns amber or red. Each queue carries its own target and threshold from the
// routing config; the rules here turn them into colours:
//   amber: service level below target, or the longest wait past the threshold;
//   red:   service level more than 10 points below target, or the longest wait past twice the threshold.

export type Health = "ok" | "warn" | "crit";

export interface QueueHealth {
  overall: Health;
  serviceLevel: Health;
  longestWait: Health;
}

const rank: Record<Health, number> = { ok: 0, warn: 1, crit: 2 };

export function worst(...values: Health[]): Health {
  return values.reduce<Health>((a, b) => (rank[b] > rank[a] ? b : a), "ok");
}

export function serviceLevelHealth(serviceLevel: number | null, target: number): Health {
  if (serviceLevel === null) return "ok";
  if (serviceLevel < target - 0.1) return "crit";
  if (serviceLevel < target) return "warn";
  return "ok";
}

export function waitHealth(longestWaitSeconds: number, thresholdSeconds: number): Health {
  if (longestWaitSeconds > 2 * thresholdSeconds) return "crit";
  if (longestWaitSeconds > thresholdSeconds) return "warn";
  return "ok";
}

export function queueHealth(queue: Queue, longestWaitNow = queue.longestWaitSeconds): QueueHealth {
  const serviceLevel = serviceLevelHealth(queue.serviceLevel, queue.targetServiceLevel);
  const longestWait = queue.waiting > 0 ? waitHealth(longestWaitNow, queue.thresholdSeconds) : "ok";
  return { overall: worst(serviceLevel, longestWait), serviceLevel, longestWait };
}
