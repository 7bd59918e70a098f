import { z } from "zod";

// Field schemas shared by several domains. Built once here: parse never constructs a schema.

/** ISO-8601 UTC with milliseconds, the only time format on the log: it sorts as text. */
export type IsoTime = string;

// The message is for a malformed string only: on a number, zod's own "expected string, received
// number" says more (a message given to the schema itself would replace both).
export const isoTime = z.iso.datetime({
  precision: 3,
  error: (issue) =>
    issue.code === "invalid_format"
      ? "expected ISO-8601 UTC time with milliseconds, e.g. 2026-11-30T09:15:02.123Z"
      : undefined,
});

/** Identifiers: opaque, non-empty, bounded so a key never blows up an index or a header. */
export const idString = z.string().min(1).max(128);

export const shortText = (max: number) => z.string().min(1).max(max);

/** Free text typed by people (messages, comments): bounded, may be long. */
export const longText = z.string().min(1).max(20_000);

/** Durations in seconds may be fractional (sources report milliseconds), never negative. */
export const seconds = z.number().nonnegative();
export const milliseconds = z.int().nonnegative();
export const count = z.int().nonnegative();
/** 1-based place in a queue. */
export const position = z.int().min(1);

export const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/, {
  error: "expected an E.164 number like +8613800138000",
});

/** A contact address: an E.164 number, a chat identity, an email address, a mailbox. */
export const address = shortText(256);

/** FreeSWITCH hangup causes as it names them: NORMAL_CLEARING, ORIGINATOR_CANCEL, USER_BUSY... */
export const hangupCause = z.string().regex(/^[A-Z][A-Z0-9_]{1,63}$/, {
  error: "expected a FreeSWITCH hangup cause like NORMAL_CLEARING",
});

/** BCP 47 language tag hint: "zh-CN", "en", "yue-HK". */
export const language = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, {
  error: 'expected a BCP 47 language tag like "zh-CN"',
});

/** Configurable codes (not-ready reasons, dispositions): kebab-case, at most 32 chars. */
export const code = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, {
  error: "expected a lower-case code of at most 32 chars, e.g. meal or ring-timeout",
});

export const ticketNumber = z.string().regex(/^T-\d{8}-\d{4,6}$/, {
  error: "expected a ticket number like T-20261130-0001",
});

export const skillLevel = z.int().min(1).max(10);

/** What a contact needs: the skill at this level or better. */
export interface SkillRequirement {
  skill: string;
  minLevel: number;
}
export const skillRequirement = z.strictObject({
  skill: shortText(64),
  minLevel: skillLevel,
}) satisfies z.ZodType<SkillRequirement>;

/** What an agent has: the skill at this level (1-10). */
export interface AgentSkill {
  skill: string;
  level: number;
}
export const agentSkill = z.strictObject({
  skill: shortText(64),
  level: skillLevel,
}) satisfies z.ZodType<AgentSkill>;

export const tags = z.array(shortText(64)).max(32);
