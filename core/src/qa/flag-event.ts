// qa.flagged events with ids that derive from what was flagged: contact, line (message or segment),
// rule and where in the line. A replay or a redelivered batch produces the same ids, and sinks that
// dedupe on event ids (sql/sink) keep one copy.

import { createHash } from "node:crypto";
import type { FlagLocation, QaFlagged } from "../events/qa";
import type { Line } from "./qa-engine";
import type { Match } from "./rule-types";

const MAX_ID = 128;

/** Readable when it fits (most do); a stable hash with a readable prefix when it would not. */
export function boundedId(parts: readonly string[]): string {
  const plain = parts.join("/");
  if (plain.length <= MAX_ID) return plain;
  const digest = createHash("sha256").update(plain).digest("hex").slice(0, 32);
  return `${plain.slice(0, MAX_ID - digest.length - 1)}~${digest}`;
}

export function flagIdOf(contactId: string, lineId: string, ruleId: string, start: number): string {
  return boundedId([contactId, lineId, ruleId, String(start)]);
}

export function flagEvent(line: Line, match: Match, location: FlagLocation): QaFlagged {
  const flagId = flagIdOf(line.contactId, line.lineId, match.ruleId, match.charRange[0]);
  return {
    id: boundedId(["qa", flagId]),
    type: "qa.flagged",
    version: 1,
    time: line.time,
    tenant: line.tenant,
    source: "qa",
    contactId: line.contactId,
    channel: line.channel,
    ...(line.agentId === undefined ? {} : { agentId: line.agentId }),
    data: {
      flagId,
      ruleId: match.ruleId,
      category: match.category,
      severity: match.severity,
      side: match.side,
      location,
      matchedText: match.matchedText,
    },
  };
}
