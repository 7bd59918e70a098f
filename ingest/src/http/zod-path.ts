import type { z } from "zod";

/** Pass to safeParse: a missing field reads "required", as in the event model's errors. */
export const requiredMessage = (issue: z.core.$ZodRawIssue): string | undefined =>
  issue.code === "invalid_type" && issue.input === undefined ? "required" : undefined;

/** The first issue as a body path ("transcript[2].text") and reason; unknown keys point at the key. */
export function firstIssue(error: z.ZodError): { path: string; reason: string } {
  const issue = error.issues[0];
  if (issue === undefined) return { path: "", reason: "invalid" };
  const unknown = issue.code === "unrecognized_keys";
  const keys = unknown ? [...issue.path, issue.keys[0] ?? ""] : issue.path;
  const path = keys
    .map((k) => (typeof k === "number" ? `[${k}]` : `.${String(k)}`))
    .join("")
    .replace(/^\./, "");
  return { path, reason: unknown ? "unknown field" : issue.message };
}
