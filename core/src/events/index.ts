// The event model: every event type Starboard puts on its log, their schemas and versions, and the
// parse/validate/serialize functions every producer and consumer goes through.

export type * from "./agent";
export { systemNotReadyReasons } from "./agent";
export type * from "./alert";
export { alertKinds } from "./alert";
export type * from "./bot";
export { handoffReasons } from "./bot";
export type * from "./catalog";
export { parseEventJson, serializeEvent } from "./codec";
export type * from "./command";
export { commandTypes } from "./command";
export type * from "./contact";
export type * from "./contact-handling";
export type * from "./contact-queue";
export type * from "./csat";
export type * from "./demand";
export type { Channel, EventDef, EventEnvelope, Subject, Subjects } from "./envelope";
export { channels } from "./envelope";
export type { EventParseError } from "./errors";
export type { AgentSkill, IsoTime, SkillRequirement } from "./fields";
export { contactDisconnectedV2Example } from "./fixtures/contact";
export { exampleEvents } from "./fixtures/index";
export type * from "./messaging";
export { type ParseResult, parseEvent, validateEvent } from "./parse";
export { partitionKey } from "./partition";
export type * from "./qa";
export { eventTypes, isEventType, knownVersions } from "./registry";
export type * from "./router";
export type * from "./supervisor";
export { roles, supervisorActionCodes } from "./supervisor";
export type * from "./ticket";
export { type Topic, Topics, topicFor } from "./topics";
