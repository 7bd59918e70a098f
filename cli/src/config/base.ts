import { resolve } from "node:path";

/** Settings every command shares, from the environment names DESIGN.md fixes. */
export interface BaseConfig {
  dataDir: string;
  kafkaBrokers: string[];
  clickhouseUrl: string | undefined;
}

export function baseConfig(env: NodeJS.ProcessEnv = process.env): BaseConfig {
  const brokers = (env.STARBOARD_KAFKA_BROKERS ?? "")
    .split(",")
    .map((b) => b.trim())
    .filter((b) => b !== "");
  const clickhouseUrl = env.STARBOARD_CLICKHOUSE_URL?.trim();
  return {
    dataDir: resolve(env.STARBOARD_DATA_DIR ?? ".starboard"),
    kafkaBrokers: brokers,
    clickhouseUrl: clickhouseUrl === "" ? undefined : clickhouseUrl,
  };
}
