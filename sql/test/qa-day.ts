import { exampleEvents, type StarboardEvent } from "@starboard/core";

// Two days of handled contacts, QA flags and reviews with numbers checkable by hand (see
// qa-scorecards.test.ts). Agents a1, a2 sign in to team-x; a3 to team-z, then team-y (the latest
// team counts); a4 gives no team. Every event is a core fixture with ids, times and data replaced.

const x = exampleEvents;
const day1 = Date.UTC(2026, 10, 30, 9, 0, 0);
const day2 = Date.UTC(2026, 11, 1, 9, 0, 0);
const day3 = Date.UTC(2026, 11, 2, 9, 0, 0);
const at = (ms: number) => new Date(ms).toISOString();
const min = 60_000;
let seq = 0;

function signedIn(agentId: string, time: number, teamId?: string): StarboardEvent {
  const { teamId: _t, ...data } = x["agent.signed-in"].data;
  return {
    ...x["agent.signed-in"],
    id: `in-${agentId}-${time}`,
    time: at(time),
    agentId,
    data: teamId === undefined ? data : { ...data, teamId },
  };
}

function ended(agentId: string, time: number, outcome: "handled" | "abandoned" = "handled"): StarboardEvent {
  seq += 1;
  const contactId = `qc-${seq}`;
  const { dispositionCode: _d, ...data } = x["contact.ended"].data;
  return {
    ...x["contact.ended"],
    id: `end-${contactId}`,
    time: at(time),
    contactId,
    ...(outcome === "handled" ? { agentId } : {}),
    data: { ...data, outcome, resolved: outcome === "handled" },
  } as StarboardEvent;
}

function flagged(
  flagId: string,
  agentId: string | undefined,
  time: number,
  ruleId: string,
  category: string,
  eventId = `ev-${flagId}`,
): StarboardEvent {
  const { agentId: _a, ...envelope } = x["qa.flagged"];
  return {
    ...envelope,
    ...(agentId === undefined ? {} : { agentId }),
    id: eventId,
    time: at(time),
    contactId: `contact-of-${flagId}`,
    data: { ...x["qa.flagged"].data, flagId, ruleId, category },
  };
}

function reviewed(flagId: string, time: number, verdict: "confirmed" | "false-positive"): StarboardEvent {
  return {
    ...x["qa.flag-reviewed"],
    id: `rev-${flagId}-${time}`,
    time: at(time),
    contactId: `contact-of-${flagId}`,
    data: { flagId, verdict, reviewerId: "qa-1" },
  };
}

const times = (n: number, agentId: string, from: number) =>
  Array.from({ length: n }, (_, i) => ended(agentId, from + i * 7 * min));

export function qaDayEvents(): StarboardEvent[] {
  seq = 0;
  const events = [
    signedIn("a1", day1 - 60 * min, "team-x"),
    signedIn("a2", day1 - 60 * min, "team-x"),
    signedIn("a3", day1 - 60 * min, "team-z"),
    signedIn("a3", day1 + 180 * min, "team-y"),
    signedIn("a4", day2 - 60 * min),
    // Handled: a1 4 + 2, a2 5, a3 2, a4 1; an abandoned contact counts for nobody.
    ...times(4, "a1", day1),
    ...times(2, "a1", day2),
    ...times(5, "a2", day1),
    ...times(2, "a3", day1 + 200 * min),
    ...times(1, "a4", day2),
    ended("a1", day1 + 100 * min, "abandoned"),
    // Flags.
    flagged("f1", "a1", day1 + 10 * min, "r-shirk", "shirking"),
    // The same flag stored again under another event id counts once.
    flagged("f1", "a1", day1 + 10 * min, "r-shirk", "shirking", "ev-f1-again"),
    flagged("f2", "a1", day1 + 20 * min, "r-shirk", "shirking"),
    flagged("f3", "a1", day1 + 30 * min, "r-abuse", "abuse"),
    flagged("f4", "a1", day2 + 10 * min, "r-shirk", "shirking"),
    flagged("f5", "a2", day1 + 15 * min, "r-promise", "prohibited-promise"),
    flagged("f6", "a3", day1 + 210 * min, "r-shirk", "shirking"),
    flagged("f7", "a4", day2 + 5 * min, "r-abuse", "abuse"),
    // Outside [day1, day3): not counted anywhere.
    flagged("f8", "a1", day3 + 5 * min, "r-abuse", "abuse"),
    // A bot conversation's flag: no agent, so no scorecard, but its rule's precision counts it.
    flagged("f9", undefined, day1 + 40 * min, "r-bot", "complaint"),
    // Reviews: the latest verdict per flag wins.
    reviewed("f1", day1 + 60 * min, "false-positive"),
    reviewed("f1", day1 + 90 * min, "confirmed"),
    reviewed("f2", day1 + 60 * min, "false-positive"),
    reviewed("f3", day1 + 60 * min, "confirmed"),
    reviewed("f5", day1 + 60 * min, "confirmed"),
    reviewed("f5", day2 + 60 * min, "false-positive"),
    reviewed("f6", day2 + 60 * min, "confirmed"),
  ];
  return events.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
}

export const qaRange = { from: new Date(day1 - 9 * 60 * min), to: new Date(day3 - 9 * 60 * min) };
