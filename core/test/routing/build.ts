// Builders for the events routing tests feed the engine: short to write, valid by type.

import type {
  AgentSkill,
  AgentTargetState,
  Channel,
  SkillRequirement,
  StarboardEvent,
} from "../../src/events/index";

const T0 = Date.parse("2026-11-30T09:00:00.000Z");

export class Script {
  private n = 0;
  readonly events: StarboardEvent[] = [];

  private env(atSeconds: number) {
    this.n += 1;
    return {
      id: `e${this.n}`,
      version: 1 as const,
      time: new Date(T0 + atSeconds * 1000).toISOString(),
      tenant: "default",
      source: "test",
    };
  }

  private push<E extends StarboardEvent>(e: E): E {
    this.events.push(e);
    return e;
  }

  signIn(
    at: number,
    agentId: string,
    skills: AgentSkill[],
    capacity: Partial<Record<Channel, number>> = { voice: 1 },
  ) {
    return this.push({
      ...this.env(at),
      type: "agent.signed-in",
      agentId,
      data: { skills, capacity, endpoint: `user/${agentId}` },
    });
  }
  ready(at: number, agentId: string) {
    return this.push({ ...this.env(at), type: "agent.ready", agentId, data: {} });
  }
  notReady(at: number, agentId: string, reasonCode: string) {
    return this.push({ ...this.env(at), type: "agent.not-ready", agentId, data: { reasonCode } });
  }
  requestState(at: number, agentId: string, next: AgentTargetState) {
    return this.push({
      ...this.env(at),
      type: "agent.state-change-requested",
      agentId,
      data: { next, requestedBy: agentId },
    });
  }
  agent(
    at: number,
    agentId: string,
    skills: AgentSkill[],
    capacity: Partial<Record<Channel, number>> = { voice: 1 },
  ) {
    this.signIn(at, agentId, skills, capacity);
    this.ready(at, agentId);
  }
  handoff(at: number, contactId: string, toQueueId: string, reason: "complaint" | "not_understood") {
    return this.push({
      ...this.env(at),
      type: "bot.handoff",
      contactId,
      channel: "webchat",
      data: { botId: "bot", reason, summary: "s", toQueueId, botTurns: 3, botSeconds: 30 },
    });
  }
  created(at: number, contactId: string, customer: { customerId?: string; customerTier?: string } = {}) {
    return this.push({
      ...this.env(at),
      type: "contact.created",
      contactId,
      channel: "voice",
      data: { direction: "inbound", from: "+8613800138000", to: "4001", ...customer },
    });
  }
  queued(
    at: number,
    contactId: string,
    queueId: string,
    requiredSkills: SkillRequirement[] = [],
    extra: { channel?: Channel; customerTier?: string; priority?: number } = {},
  ) {
    return this.push({
      ...this.env(at),
      type: "contact.queued",
      contactId,
      channel: extra.channel ?? "voice",
      data: {
        queueId,
        requiredSkills,
        priority: extra.priority ?? 0,
        customerTier: extra.customerTier,
        entry: "new",
        position: 1,
      },
    });
  }
  connected(at: number, contactId: string, agentId: string, channel: Channel = "voice", waitSeconds = 0) {
    return this.push({
      ...this.env(at),
      type: "contact.connected",
      contactId,
      channel,
      agentId,
      data: { waitSeconds, ringMs: 0 },
    });
  }
  offerTimeout(at: number, contactId: string, agentId: string, queueId: string) {
    return this.push({
      ...this.env(at),
      type: "contact.offer-timeout",
      contactId,
      channel: "voice",
      agentId,
      data: { queueId, ringMs: 20000 },
    });
  }
  commandFailed(at: number, commandId: string) {
    return this.push({
      ...this.env(at),
      type: "router.command-result",
      data: { commandId, commandType: "command.bridge-call", ok: false, error: "-ERR NO_SUCH_CHANNEL" },
    });
  }
  abandoned(at: number, contactId: string, queueId: string) {
    return this.push({
      ...this.env(at),
      type: "contact.abandoned",
      contactId,
      channel: "voice",
      data: { queueId, waitSeconds: at, position: 1 },
    });
  }
  callback(at: number, contactId: string, queueId: string) {
    return this.push({
      ...this.env(at),
      type: "contact.callback-requested",
      contactId,
      channel: "voice",
      data: { queueId, callbackNumber: "+8613800138000", keepsPosition: true, position: 1, waitSeconds: at },
    });
  }
  wrapup(at: number, contactId: string, agentId: string, limitSeconds?: number) {
    return this.push({
      ...this.env(at),
      type: "contact.wrapup-started",
      contactId,
      channel: "voice",
      agentId,
      data: { limitSeconds },
    });
  }
  ended(
    at: number,
    contactId: string,
    agentId: string,
    queueId: string,
    talkSeconds = 100,
    channel: Channel = "voice",
  ) {
    return this.push({
      ...this.env(at),
      type: "contact.ended",
      contactId,
      channel,
      agentId,
      data: {
        endedBy: "customer",
        outcome: "handled",
        resolved: true,
        queueId,
        waitSeconds: 0,
        talkSeconds,
        holdSeconds: 0,
        wrapupSeconds: 0,
        categories: [],
      },
    });
  }
}

export const at = (seconds: number) => T0 + seconds * 1000;
