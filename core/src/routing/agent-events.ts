// How agent events change the router's state. Sign-in files the agent under its skills; ready and
// not-ready flip the readiness layer; a change asked for mid-contact waits as the pending state.

import type { AgentEvent, AgentTargetState, EventOf } from "../events/index";
import type { RoutedAgent } from "./agent";
import { routeAgent } from "./matching";
import type { Step } from "./state";

type AgentEventOf<T extends AgentEvent["type"]> = Extract<AgentEvent, { type: T }>;

function known(step: Step, agentId: string, type: string): RoutedAgent | undefined {
  const agent = step.s.agents.get(agentId);
  if (agent === undefined)
    step.s.anomalies.record({
      kind: "unknown-agent",
      eventId: step.eventId,
      eventType: type,
      detail: `agent ${agentId} never signed in`,
    });
  return agent;
}

function skillMap(skills: readonly { skill: string; level: number }[]): Map<string, number> {
  return new Map(skills.map((s) => [s.skill, s.level]));
}

export function onSignedIn(step: Step, e: AgentEventOf<"agent.signed-in">): void {
  const { s, nowMs } = step;
  const existing = s.agents.get(e.agentId);
  const agent: RoutedAgent = existing ?? {
    id: e.agentId,
    endpoint: undefined,
    teamId: undefined,
    skills: new Map(),
    capacity: {},
    signedIn: false,
    signedInSinceMs: nowMs,
    ready: false,
    notReadyReason: undefined,
    readinessSinceMs: nowMs,
    contacts: new Map(),
    idleSinceMs: nowMs,
    pending: undefined,
    monitoring: undefined,
    handledToday: 0,
    seq: s.seq++,
  };
  agent.endpoint = e.data.endpoint;
  agent.teamId = e.data.teamId;
  agent.skills = skillMap(e.data.skills);
  agent.capacity = { ...e.data.capacity };
  if (!agent.signedIn) {
    agent.signedIn = true;
    agent.signedInSinceMs = nowMs;
    // Signing in is not being ready: the agent says so with agent.ready.
    agent.ready = false;
    agent.notReadyReason = "signed-in";
    agent.readinessSinceMs = nowMs;
  }
  s.agents.set(agent.id, agent);
  s.idle.refresh(agent);
}

export function applyTarget(step: Step, agent: RoutedAgent, target: AgentTargetState): void {
  if (target.type === "signed-out") {
    agent.signedIn = false;
    agent.ready = false;
    agent.notReadyReason = undefined;
  } else {
    if (target.type === "ready" && !agent.ready && agent.contacts.size === 0) agent.idleSinceMs = step.nowMs;
    agent.ready = target.type === "ready";
    agent.notReadyReason = target.type === "not-ready" ? target.reasonCode : undefined;
  }
  agent.readinessSinceMs = step.nowMs;
  agent.pending = undefined;
  routeAgent(step, agent);
}

export function onSignedOut(step: Step, e: AgentEventOf<"agent.signed-out">): void {
  const agent = known(step, e.agentId, e.type);
  if (agent !== undefined) applyTarget(step, agent, { type: "signed-out" });
}

export function onReady(step: Step, e: AgentEventOf<"agent.ready">): void {
  const agent = known(step, e.agentId, e.type);
  if (agent === undefined || (agent.ready && agent.signedIn)) return;
  if (!agent.signedIn) {
    step.s.anomalies.record({
      kind: "invalid-transition",
      eventId: step.eventId,
      eventType: e.type,
      detail: `${e.agentId} is signed out`,
    });
    return;
  }
  applyTarget(step, agent, { type: "ready" });
}

export function onNotReady(step: Step, e: AgentEventOf<"agent.not-ready">): void {
  const agent = known(step, e.agentId, e.type);
  // Our own not-ready after a failed offer comes back from the log: nothing to change.
  if (agent === undefined || (!agent.ready && agent.notReadyReason === e.data.reasonCode)) return;
  applyTarget(step, agent, { type: "not-ready", reasonCode: e.data.reasonCode });
}

export function onStateChangeRequested(step: Step, e: AgentEventOf<"agent.state-change-requested">): void {
  const agent = known(step, e.agentId, e.type);
  if (agent === undefined) return;
  if (agent.contacts.size > 0) agent.pending = e.data.next;
  else applyTarget(step, agent, e.data.next);
}

export function onSkillsChanged(step: Step, e: AgentEventOf<"agent.skills-changed">): void {
  const agent = known(step, e.agentId, e.type);
  if (agent === undefined) return;
  agent.skills = skillMap(e.data.skills);
  routeAgent(step, agent);
}

/** A supervisor who is also an agent cannot take calls while listening to one. */
export function onSupervisorAction(step: Step, e: EventOf<"supervisor.action">): void {
  const agent = step.s.agents.get(e.data.actorId);
  if (agent === undefined || e.data.outcome !== "accepted") return;
  if (e.data.action === "monitor-call") agent.monitoring = { contactId: e.contactId, sinceMs: step.nowMs };
  else if (e.data.action === "stop-monitor") agent.monitoring = undefined;
  else return;
  routeAgent(step, agent);
}
