import type { AgentEvent } from "./agent";
import type { AlertEvent } from "./alert";
import type { BotEvent } from "./bot";
import type { CommandEvent } from "./command";
import type { ContactSessionEvent } from "./contact";
import type { ContactHandlingEvent } from "./contact-handling";
import type { ContactQueueEvent } from "./contact-queue";
import type { CsatEvent } from "./csat";
import type { DemandEvent } from "./demand";
import type { MessagingEvent } from "./messaging";
import type { QaEvent } from "./qa";
import type { RouterEvent } from "./router";
import type { SupervisorEvent } from "./supervisor";
import type { TicketEvent } from "./ticket";

export type ContactEvent = ContactSessionEvent | ContactQueueEvent | ContactHandlingEvent;

/** Every concrete event, every version. Narrow on `type` (and `version` once a v2 exists). */
export type StarboardEvent =
  | ContactEvent
  | MessagingEvent
  | BotEvent
  | TicketEvent
  | AgentEvent
  | CsatEvent
  | QaEvent
  | DemandEvent
  | RouterEvent
  | CommandEvent
  | SupervisorEvent
  | AlertEvent;

export type EventType = StarboardEvent["type"];
export type EventOf<T extends EventType> = Extract<StarboardEvent, { type: T }>;
export type VersionOf<T extends EventType> = EventOf<T>["version"];
