// Structured logs: one JSON object per line with level (as a word), time (ISO-8601 UTC), service
// and pid, then the fields and `msg`. Secrets and customers' phone numbers are masked before a line
// is written (redact.ts); the level comes from STARBOARD_LOG_LEVEL (default info).

import { type DestinationStream, type Logger, pino } from "pino";
import { redactedText, scrubLogObject, scrubText } from "./redact";

export type { Logger } from "pino";

export const logLevels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof logLevels)[number];

/** STARBOARD_LOG_LEVEL, checked: a typo is an error naming the variable, not a silent default. */
export function logLevelFrom(env: NodeJS.ProcessEnv = process.env): LogLevel {
  const raw = env.STARBOARD_LOG_LEVEL?.trim().toLowerCase();
  if (raw === undefined || raw === "") return "info";
  if (!(logLevels as readonly string[]).includes(raw))
    throw new Error(`STARBOARD_LOG_LEVEL: expected one of ${logLevels.join(", ")}, got "${raw}"`);
  return raw as LogLevel;
}

/**
 * Known places of secrets in what services log (configs, requests, ESL settings). The scrubber
 * covers any depth by key name; these paths are the cheap first layer and a second opinion.
 */
export const redactPaths = [
  "apiKey",
  "apiKeys",
  "*.apiKey",
  "*.apiKeys",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "headers.cookie",
  "*.headers.authorization",
  "*.headers.cookie",
  'headers["x-api-key"]',
  '*.headers["x-api-key"]',
  "password",
  "*.password",
  "*.*.password",
  "secret",
  "*.secret",
  "webhookSecret",
  "*.webhookSecret",
  "token",
  "*.token",
];

export interface LoggerOptions {
  /** Which process or service writes the line ("starboard", "starboard:sink,router"...). */
  service: string;
  /** Overrides STARBOARD_LOG_LEVEL. */
  level?: LogLevel;
  /** Where lines go (default: standard output, synchronously). */
  destination?: DestinationStream;
  env?: NodeJS.ProcessEnv;
}

export function createLogger(options: LoggerOptions): Logger {
  const level = options.level ?? logLevelFrom(options.env);
  const logger = pino(
    {
      level,
      base: { service: options.service, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: redactPaths, censor: redactedText },
      formatters: {
        level: (label) => ({ level: label }),
        bindings: (bindings) => scrubLogObject(bindings),
        log: (object) => scrubLogObject(object),
      },
      // The message (also when pino takes it from an error) is free text: numbers hide there too.
      serializers: { msg: (value: unknown) => (typeof value === "string" ? scrubText(value) : value) },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
  // pino writes a child's bindings without the formatters: scrub them on the way in. Children are
  // made from their parent's prototype, so theirs inherit this override.
  const child = logger.child;
  logger.child = function (this: Logger, bindings, childOptions) {
    return child.call(this, scrubLogObject(bindings), childOptions);
  } as Logger["child"];
  return logger;
}
