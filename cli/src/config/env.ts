// The environment names DESIGN.md fixes, laid over the file's settings.

import { resolve } from "node:path";
import { type Role, roles } from "@starboard/core";
import { ConfigError } from "./errors";
import type { StarboardConfig } from "./types";

/** STARBOARD_API_KEYS "key:role,key:role"; errors name the entry by position, never the secret. */
export function parseApiKeyList(value: string): { key: string; role: Role }[] {
  const keys: { key: string; role: Role }[] = [];
  const entries = value
    .split(",")
    .map((e) => e.trim())
    .filter((e) => e !== "");
  entries.forEach((entry, i) => {
    const where = `STARBOARD_API_KEYS entry ${i + 1}`;
    const at = entry.lastIndexOf(":");
    if (at <= 0) throw new ConfigError(`${where}: expected key:role`);
    const key = entry.slice(0, at);
    const role = entry.slice(at + 1);
    if (!(roles as readonly string[]).includes(role))
      throw new ConfigError(`${where}: role "${role}" is not one of ${roles.join(", ")}`);
    if (key.length < 16) throw new ConfigError(`${where}: the key is shorter than 16 characters`);
    if (keys.some((k) => k.key === key)) throw new ConfigError(`${where}: the same key is listed twice`);
    keys.push({ key, role: role as Role });
  });
  return keys;
}

function set(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === "" ? undefined : value;
}

function portFrom(value: string, name: string, min = 1): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > 65_535)
    throw new ConfigError(`${name}: expected a port number ${min}..65535, got "${value}"`);
  return n;
}

export function applyEnv(base: StarboardConfig, env: NodeJS.ProcessEnv): StarboardConfig {
  const dataDir = set(env, "STARBOARD_DATA_DIR");
  const brokers = set(env, "STARBOARD_KAFKA_BROKERS");
  const clickhouse = set(env, "STARBOARD_CLICKHOUSE_URL");
  if (clickhouse !== undefined && !/^https?:\/\/[^/]+/.test(clickhouse))
    throw new ConfigError(`STARBOARD_CLICKHOUSE_URL: expected an http(s):// URL, got "${clickhouse}"`);
  const eslHost = set(env, "STARBOARD_ESL_HOST");
  const eslPort = set(env, "STARBOARD_ESL_PORT");
  const eslPassword = set(env, "STARBOARD_ESL_PASSWORD");
  const apiKeys = set(env, "STARBOARD_API_KEYS");
  const opsPort = set(env, "STARBOARD_OPS_PORT");
  return {
    ...base,
    dataDir: dataDir === undefined ? base.dataDir : resolve(dataDir),
    kafkaBrokers:
      brokers === undefined
        ? base.kafkaBrokers
        : brokers
            .split(",")
            .map((b) => b.trim())
            .filter((b) => b !== ""),
    clickhouseUrl: clickhouse ?? base.clickhouseUrl,
    esl: {
      host: eslHost ?? base.esl.host,
      port: eslPort === undefined ? base.esl.port : portFrom(eslPort, "STARBOARD_ESL_PORT"),
      password: eslPassword ?? base.esl.password,
    },
    apiKeys: apiKeys === undefined ? base.apiKeys : parseApiKeyList(apiKeys),
    // 0 is allowed here (any free port): the ops port is printed in the start summary.
    ports:
      opsPort === undefined ? base.ports : { ...base.ports, ops: portFrom(opsPort, "STARBOARD_OPS_PORT", 0) },
  };
}
