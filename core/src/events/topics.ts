import type { StarboardEvent } from "./catalog";

export const Topics = {
  events: "starboard.events",
  commands: "starboard.commands",
  deadLetter: "starboard.dead-letter",
  /** The customer directory, compacted: key = customer id, value = the record as JSON, empty = removed. */
  customers: "starboard.customers",
} as const;
export type Topic = (typeof Topics)[keyof typeof Topics];

/** Commands go where the adapters listen for them; everything else is a fact on the events topic. */
export function topicFor(event: StarboardEvent): typeof Topics.events | typeof Topics.commands {
  return event.type.startsWith("command.") ? Topics.commands : Topics.events;
}
