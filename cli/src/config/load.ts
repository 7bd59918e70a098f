// Defaults, then the STARBOARD_CONFIG file, then the environment, then flags: each layer wins
// over the one before.

import { readFileSync } from "node:fs";
import { parse as parseYaml, YAMLParseError } from "yaml";
import { defaults } from "./defaults";
import { applyEnv } from "./env";
import { ConfigError, describeIssues } from "./errors";
import type { FileConfig } from "./file-types";
import { applyFlags, type ConfigFlags } from "./flags";
import { applyFile } from "./resolve-file";
import { fileConfigSchema } from "./schema";
import type { StarboardConfig } from "./types";

export interface ConfigSources {
  env?: NodeJS.ProcessEnv;
  flags?: ConfigFlags;
  readFile?: (path: string) => string;
}

/** The YAML text checked against the schema; `where` prefixes every message ("STARBOARD_CONFIG ./x.yaml"). */
export function parseConfigFile(text: string, where: string): FileConfig {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    if (error instanceof YAMLParseError)
      throw new ConfigError(`${where}: not valid YAML: ${error.message.split("\n")[0]}`);
    throw error;
  }
  // An empty file is an empty configuration, not an error.
  const parsed = fileConfigSchema.safeParse(raw ?? {});
  if (!parsed.success) throw new ConfigError(describeIssues(where, parsed.error.issues));
  return parsed.data;
}

export function loadConfig(sources: ConfigSources = {}): StarboardConfig {
  const env = sources.env ?? process.env;
  const read = sources.readFile ?? ((path: string) => readFileSync(path, "utf8"));
  let config = defaults();
  const file = env.STARBOARD_CONFIG?.trim();
  if (file !== undefined && file !== "") {
    const where = `STARBOARD_CONFIG ${file}`;
    let text: string;
    try {
      text = read(file);
    } catch (error) {
      const code = error instanceof Error && "code" in error ? ` (${String(error.code)})` : "";
      throw new ConfigError(`${where}: cannot read the file${code}`);
    }
    config = applyFile(config, parseConfigFile(text, where), where);
  }
  config = applyEnv(config, env);
  return applyFlags(config, sources.flags ?? {});
}
