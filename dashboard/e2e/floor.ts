import type { StarboardEvent } from "@starboard/core";
import { agentNotReady, agentSignedIn, callConnected, callQueued } from "./events";

// A believable floor for the wallboard screenshots: agents talking, on breaks and free, and callers
// who have waited long enough to turn the billing queue's tile red.

const reasons = ["lunch", "training", "meeting", "coaching"];

/** Callers the floor leaves waiting in the billing queue. */
export const floorWaiting = 5;

export function busyFloor(now: number, agents = 48): StarboardEvent[] {
  const events: StarboardEvent[] = [];
  for (let i = 1; i <= agents; i++) {
    const id = `p${String(i).padStart(2, "0")}`;
    const since = new Date(now - (30 + ((i * 37) % 600)) * 1000);
    events.push(...agentSignedIn(id, new Date(now - 3_600_000)));
    if (i % 2 === 0)
      events.push(...callConnected(`floor-call-${i}`, id, since, `+86139${String(10_000_000 + i)}`));
    else if (i % 6 === 1) events.push(agentNotReady(id, since, reasons[i % reasons.length] ?? "break"));
  }
  for (let k = 0; k < floorWaiting; k++)
    events.push(
      ...callQueued(
        `floor-wait-${k}`,
        new Date(now - (15 + k * 22) * 1000),
        `+86137${String(20_000_000 + k)}`,
        "billing",
      ),
    );
  // The live view merges partitions by event time: publish in time order, before anything newer.
  return events.sort((a, b) => a.time.localeCompare(b.time));
}
