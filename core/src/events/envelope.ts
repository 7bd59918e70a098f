import { z } from "zod";
import { idString, isoTime, shortText } from "./fields";

export const channels = ["voice", "webchat", "appchat", "video", "email", "sms", "ticket"] as const;
export type Channel = (typeof channels)[number];

/** The fields every event carries; the names are a contract with the event log and every sink. */
export interface EventEnvelope<TType extends string, TData> {
  /** Idempotency key: sinks dedupe on it, so a retry must reuse it. Non-empty, at most 128 chars. */
  id: string;
  /** Dotted, e.g. "contact.queued". */
  type: TType;
  /** Schema version of `type`, integer >= 1. An unknown version is an error, never guessed. */
  version: number;
  /** When it happened at the source (not when it was logged): ISO-8601 UTC with milliseconds. */
  time: string;
  /** "default" in single-tenant installs. */
  tenant: string;
  /** Who produced it: "esl:fs1", "chat-gateway", "ticket-gateway", "simulator", "router", "graphql"... */
  source: string;
  channel?: Channel;
  contactId?: string;
  agentId?: string;
  data: TData;
}

/**
 * Which envelope subject fields an event type requires or forbids. Subjects decide the partition
 * key (contactId ?? agentId ?? ...), so they are enforced rather than left to each producer: an
 * agent event carrying a contactId would land on the contact's partition and lose its order
 * against the agent's other state changes.
 */
export interface Subjects {
  /** A contact's story: ordered per contact. The agent, when there is one, may ride along. */
  contact: { contactId: string; channel: Channel };
  /** A contact event that only makes sense with a specific agent (offer, connect, wrap-up...). */
  "contact-agent": { contactId: string; channel: Channel; agentId: string };
  /** An agent's own state: ordered per agent, so it must not carry a contactId. */
  agent: { agentId: string; contactId?: never; channel?: never };
  /** Keyed by something in `data` (ticket number, alert id): contact and agent live in data. */
  detached: { contactId?: never; agentId?: never };
  /** Any subject fields may be present (audit records, command results). */
  open: Record<never, never>;
}
export type Subject = keyof Subjects;

/** One concrete event: a type name, one version of its data, and its subject rule. */
export type EventDef<TType extends string, V extends number, S extends Subject, TData> = EventEnvelope<
  TType,
  TData
> & { version: V } & Subjects[S];

/** Recovers the subject rule from a concrete event type, so the registry cannot disagree with it. */
export type SubjectOf<E> = E extends { contactId: string; agentId: string }
  ? "contact-agent"
  : E extends { contactId: string }
    ? "contact"
    : E extends { agentId: string }
      ? "agent"
      : E extends { contactId?: never; agentId?: never }
        ? "detached"
        : "open";

export const channelSchema = z.enum(channels);

/**
 * The envelope alone, checked before the type is looked up. Strict: an unknown envelope field is
 * a producer bug (a typo like `contactID` would otherwise silently drop the partition key).
 * `data` is validated afterwards by the schema registered for (type, version).
 */
export const envelopeSchema = z.strictObject({
  id: idString,
  // Only the shape here: whether the name is known is the registry's call, with its own message.
  type: shortText(64),
  version: z.int().min(1),
  time: isoTime,
  tenant: shortText(64),
  source: shortText(128),
  channel: channelSchema.optional(),
  contactId: idString.optional(),
  agentId: idString.optional(),
  data: z.unknown(),
}) satisfies z.ZodType<EventEnvelope<string, unknown>>;
