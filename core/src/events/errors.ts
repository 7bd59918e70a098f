import type { z } from "zod";

/** Why an input is not a valid event: where (dotted path from the event root) and why. */
export interface EventParseError {
  /** "" for the input as a whole, else e.g. "data.requiredSkills[0].minLevel". */
  path: string;
  reason: string;
  /** The event's type and version when they were readable, for dead-letter counters. */
  type?: string;
  version?: number;
}

const identifier = /^[A-Za-z_$][\w$]*$/;

/** ["data", "requiredSkills", 0, "minLevel"] -> "data.requiredSkills[0].minLevel". */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (typeof key === "string" && identifier.test(key)) out += out === "" ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

/** A missing field reads as "required" rather than zod's "expected string, received undefined". */
export const reasonMap = (issue: z.core.$ZodRawIssue): string | undefined =>
  issue.code === "invalid_type" && issue.input === undefined ? "required" : undefined;

/**
 * The first issue as an EventParseError, its path prefixed with where the parsed value sits.
 * Unknown keys point at the key itself ("data.colour") instead of at the object holding it.
 */
export function fromIssue(issue: z.core.$ZodIssue, prefix: readonly PropertyKey[]): EventParseError {
  if (issue.code === "unrecognized_keys") {
    const key = issue.keys[0] ?? "";
    return { path: formatPath([...prefix, ...issue.path, key]), reason: "unknown field" };
  }
  return { path: formatPath([...prefix, ...issue.path]), reason: issue.message };
}
