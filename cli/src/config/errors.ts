// One error type for bad settings, whatever their source: it says where (the file, the variable,
// the flag), which key, and what was expected.

import type { z } from "zod";

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/** `queues[2].thresholdSeconds` from zod's path array. */
export function keyPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out === "" ? "(top level)" : out;
}

/** Every issue on its own line: `<where>: <key path>: <what was expected>`. */
export function describeIssues(where: string, issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      if (issue.code === "unrecognized_keys")
        return `${where}: ${keyPath(issue.path)}: unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys
          .map((k) => `"${k}"`)
          .join(", ")}`;
      return `${where}: ${keyPath(issue.path)}: ${issue.message}`;
    })
    .join("\n");
}
