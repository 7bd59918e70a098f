// An agent as the router sees it: a state in layers, each with the time it began. Signed in or out;
// ready or not ready with a reason; one activity per contact it holds; a monitoring session; and a
// pending state asked for mid-contact, applied when its last contact ends.

import type { AgentTargetState, Channel } from "../events/index";

export type Activity = "ringing" | "talking" | "hold" | "wrap-up";

export interface HeldContact {
  contactId: string;
  channel: Channel;
  activity: Activity;
  sinceMs: number;
  /** Wrap-up limit: the slot frees at this time even if the wrap-up-ended event never comes. */
  wrapupDeadlineMs: number | undefined;
}

export interface RoutedAgent {
  id: string;
  endpoint: string | undefined;
  teamId: string | undefined;
  skills: Map<string, number>;
  capacity: Partial<Record<Channel, number>>;
  signedIn: boolean;
  signedInSinceMs: number;
  ready: boolean;
  /** Set when not ready: a system code (ring-timeout, rejected, forced...) or a configured one. */
  notReadyReason: string | undefined;
  readinessSinceMs: number;
  contacts: Map<string, HeldContact>;
  /** Last time the agent became free for work: the "longest idle" order. */
  idleSinceMs: number;
  pending: AgentTargetState | undefined;
  monitoring: { contactId: string | undefined; sinceMs: number } | undefined;
  handledToday: number;
  /** Sign-in order: the last tie-break between agents idle since the same millisecond. */
  seq: number;
}

/** Voice and video hold the agent's whole attention; the others share it up to the capacity. */
const exclusive: ReadonlySet<Channel> = new Set<Channel>(["voice", "video"]);

export function loadOn(agent: RoutedAgent, channel: Channel): number {
  let n = 0;
  for (const c of agent.contacts.values()) if (c.channel === channel) n++;
  return n;
}

/** Whether the router may offer this agent a contact on `channel` now. */
export function availableFor(agent: RoutedAgent, channel: Channel): boolean {
  if (!agent.signedIn || !agent.ready) return false;
  const capacity = agent.capacity[channel] ?? 0;
  if (capacity <= 0) return false;
  if (agent.monitoring !== undefined && exclusive.has(channel)) return false;
  if (agent.contacts.size === 0) return true;
  if (exclusive.has(channel)) return false;
  for (const c of agent.contacts.values()) if (exclusive.has(c.channel)) return false;
  return loadOn(agent, channel) < capacity;
}

/**
 * Capacity objects are replaced on sign-in, never changed in place (the agent index relies on that
 * too), so the channel list is worked out once per capacity object instead of once per freed agent.
 */
const channelLists = new WeakMap<object, readonly Channel[]>();

export function channelsOf(agent: RoutedAgent): readonly Channel[] {
  let list = channelLists.get(agent.capacity);
  if (list === undefined) {
    list = (Object.keys(agent.capacity) as Channel[]).filter((c) => (agent.capacity[c] ?? 0) > 0);
    channelLists.set(agent.capacity, list);
  }
  return list;
}

/** The wallboard's one-word state, derived from the layers. */
export type AgentStatus = "offline" | "available" | "ringing" | "busy" | "wrap-up" | "away";

export function statusOf(agent: RoutedAgent): AgentStatus {
  if (!agent.signedIn) return "offline";
  let wrap = false;
  let ringing = false;
  for (const c of agent.contacts.values()) {
    if (c.activity === "talking" || c.activity === "hold") return "busy";
    if (c.activity === "wrap-up") wrap = true;
    if (c.activity === "ringing") ringing = true;
  }
  if (ringing) return "ringing";
  if (wrap) return "wrap-up";
  return agent.ready ? "available" : "away";
}
