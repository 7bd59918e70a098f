// The zod schema of the STARBOARD_CONFIG file. Messages say what was expected in words a person
// reads next to the key path ("queues[2].thresholdSeconds: expected a positive number").

import { channels } from "@starboard/core";
import { z } from "zod";
import { type FileConfig, type FileHours, type FileQueue, weekdays } from "./file-types";

const text = (what = "a non-empty string") =>
  z.string({ error: `expected ${what}` }).min(1, { error: `expected ${what}` });
const positive = z
  .number({ error: "expected a positive number" })
  .positive({ error: "expected a positive number" });
const nonNegative = z
  .number({ error: "expected a number >= 0" })
  .nonnegative({ error: "expected a number >= 0" });
const fraction = z
  .number({ error: "expected a fraction between 0 and 1" })
  .min(0, { error: "expected a fraction between 0 and 1" })
  .max(1, { error: "expected a fraction between 0 and 1" });
const level = z
  .number({ error: "expected a skill level 1..10" })
  .int({ error: "expected a whole skill level 1..10" })
  .min(1, { error: "expected a skill level 1..10" })
  .max(10, { error: "expected a skill level 1..10" });
const port = z
  .number({ error: "expected a port number 0..65535" })
  .int({ error: "expected a port number 0..65535" })
  .min(0, { error: "expected a port number 0..65535" })
  .max(65_535, { error: "expected a port number 0..65535" });
const channel = z.enum(channels, { error: `expected one of ${channels.join(", ")}` });
const capacity = z.partialRecord(channel, nonNegative);
const range = z
  .string({ error: 'expected "HH:MM-HH:MM"' })
  .regex(/^([01]\d|2[0-4]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/, { error: 'expected "HH:MM-HH:MM"' });

const hours = z.strictObject({
  utcOffsetMinutes: z
    .number({ error: "expected minutes from UTC" })
    .int()
    .min(-720)
    .max(840, { error: "expected minutes from UTC between -720 and 840" })
    .optional(),
  days: z.partialRecord(z.enum(weekdays, { error: `expected a weekday: ${weekdays.join(", ")}` }), range),
  closedQueueId: text().optional(),
}) satisfies z.ZodType<FileHours>;

const queue = z.strictObject({
  id: text("a queue id"),
  name: text().optional(),
  channels: z.array(channel).optional(),
  basePriority: z.number({ error: "expected a number" }).optional(),
  agingPerSecond: nonNegative.optional(),
  defaultSkills: z.array(z.strictObject({ skill: text("a skill name"), minLevel: level })).optional(),
  strategy: z
    .strictObject({
      contacts: z.enum(["priority", "fifo"], { error: "expected priority or fifo" }).optional(),
      agents: z
        .enum(["most-skilled", "longest-idle"], { error: "expected most-skilled or longest-idle" })
        .optional(),
    })
    .optional(),
  thresholdSeconds: positive.optional(),
  targetServiceLevel: fraction.optional(),
  relax: z
    .array(z.strictObject({ afterSeconds: positive, skill: text("a skill name").optional(), toLevel: level }))
    .optional(),
  overflow: z.strictObject({ afterSeconds: positive, toQueueId: text("a queue id") }).optional(),
  callbackOfferAfterSeconds: positive.optional(),
  hours: hours.optional(),
}) satisfies z.ZodType<FileQueue>;

export const fileConfigSchema = z.strictObject({
  tenant: text("a tenant id").optional(),
  skills: z.array(text("a skill name")).optional(),
  queues: z.array(queue).optional(),
  agents: z
    .array(
      z.strictObject({
        id: text("an agent id"),
        name: text().optional(),
        skills: z.array(z.strictObject({ skill: text("a skill name"), level })),
        capacity: capacity.optional(),
        team: text().optional(),
      }),
    )
    .optional(),
  sla: z
    .strictObject({
      shortAbandonSeconds: nonNegative.optional(),
      thresholdSeconds: positive.optional(),
      targetServiceLevel: fraction.optional(),
    })
    .optional(),
  alerts: z
    .strictObject({
      longWaitSeconds: positive.optional(),
      wrapupSeconds: positive.optional(),
      awaySeconds: z.record(text("an away reason code, or * for any other"), positive).optional(),
      minContactsForServiceLevel: z
        .number({ error: "expected a whole number of contacts >= 0" })
        .int({ error: "expected a whole number of contacts >= 0" })
        .nonnegative({ error: "expected a whole number of contacts >= 0" })
        .optional(),
      criticalServiceLevelGap: fraction.optional(),
    })
    .optional(),
  qaRules: z
    .array(
      z.strictObject({
        id: text("a rule id"),
        category: text("a category"),
        keywords: z.array(text("a keyword")).min(1, { error: "expected at least one keyword" }),
        severity: z
          .enum(["info", "warning", "critical"], { error: "expected info, warning or critical" })
          .optional(),
      }),
    )
    .optional(),
  // Rule shapes are checked by core's own validator when the taxonomy is compiled (resolve-file.ts).
  demand: z
    .strictObject({
      categories: z.array(z.record(z.string(), z.unknown())).optional(),
      keywords: z.array(z.record(z.string(), z.unknown())).optional(),
    })
    .optional(),
  businessHours: hours.optional(),
  customers: z
    .array(
      z.strictObject({
        id: text("a customer id"),
        name: text().optional(),
        phones: z.array(text("a phone number")).optional(),
        identities: z.array(text("an identity")).optional(),
        tier: text("a tier").optional(),
        tags: z.array(text("a tag")).optional(),
      }),
    )
    .optional(),
  ports: z
    .strictObject({
      host: text("a host address").optional(),
      graphql: port.optional(),
      dashboard: port.optional(),
      chat: port.optional(),
      tickets: port.optional(),
      ops: port.optional(),
    })
    .optional(),
  webhookSecret: text("a secret")
    .min(16, { error: "expected a secret of at least 16 characters" })
    .optional(),
  routing: z
    .strictObject({
      ringTimeoutSeconds: positive.optional(),
      tiers: z.record(z.string(), z.number({ error: "expected a number of priority points" })).optional(),
      reorderToleranceMs: nonNegative.optional(),
    })
    .optional(),
}) satisfies z.ZodType<FileConfig>;
