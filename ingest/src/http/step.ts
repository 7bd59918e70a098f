import type { StarboardEvent } from "@starboard/core";

/** A request refused before anything reached the log: the status and why, for the client. */
export interface Refusal {
  status: number;
  outcome: GatewayOutcome;
  reason: string;
  /** Where in the body, for schema errors: "messages[2].text". */
  path?: string;
  /** Bad bodies go to the dead-letter topic with the reason; auth failures do not (no flooding). */
  deadLetter: boolean;
}

export type Step<T> = { kind: "ok"; value: T } | { kind: "refuse"; refusal: Refusal };

export const ok = <T>(value: T): Step<T> => ({ kind: "ok", value });
export const refuse = <T>(
  status: number,
  outcome: GatewayOutcome,
  reason: string,
  options: { path?: string; deadLetter?: boolean } = {},
): Step<T> => ({
  kind: "refuse",
  refusal: {
    status,
    outcome,
    reason,
    deadLetter: options.deadLetter ?? false,
    ...(options.path === undefined ? {} : { path: options.path }),
  },
});

/** Every way a request ends; each has a counter. */
export const gatewayOutcomes = [
  "accepted",
  "unsigned",
  "bad-signature",
  "stale",
  "replayed",
  "too-large",
  "timeout",
  "invalid-json",
  "invalid-payload",
  "not-found",
  "method-not-allowed",
  "log-unavailable",
  "busy",
] as const;
export type GatewayOutcome = (typeof gatewayOutcomes)[number];

/** A source's payload -> Starboard events, or the first problem as a path into the body. */
export type PayloadMapper = (
  payload: unknown,
  context: { source: string; tenant: string },
) => { kind: "ok"; events: StarboardEvent[] } | { kind: "invalid"; path: string; reason: string };
