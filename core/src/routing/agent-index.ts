// Idle agents bucketed by (channel, skill, level), each bucket a heap by idle time: a contact needing
// billing>=5 looks at ten buckets at most (levels 10..5) and takes a head. Staffed agents are kept the
// same way, as sets, so "how many agents could take this" is a few set sizes, not a scan. Buckets
// hang off one (channel, skill) slot indexed by level, and each agent's slots are computed once per
// change of skills or capacity: a state change allocates nothing.

import type { Channel, SkillRequirement } from "../events/index";
import { availableFor, channelsOf, type RoutedAgent } from "./agent";
import { meets } from "./contact-index";
import { IndexedHeap } from "./indexed-heap";

const MAX_LEVEL = 10;
const ANY = "";

function idleBefore(a: RoutedAgent, b: RoutedAgent): boolean {
  return a.idleSinceMs !== b.idleSinceMs ? a.idleSinceMs < b.idleSinceMs : a.seq < b.seq;
}

/**
 * One agent's entry in one (channel, skill, level) bucket. The idle heaps hold places, not agents:
 * an agent sits in several heaps, and each place carries its own heap position, so no heap needs a
 * Map from agent to position (a Map write per sift step was the cost of every re-file).
 */
interface Place {
  agent: RoutedAgent;
  channel: Channel;
  slot: Slot;
  level: number;
  heapIndex: number | undefined;
  /** The idle time the place was filed under: an unchanged one needs no re-file. */
  idleKey: number;
  staffed: boolean;
}

const placeBefore = (a: Place, b: Place) => idleBefore(a.agent, b.agent);
const placeKey = (p: Place) => p.idleKey;
const placeSlot = {
  get: (p: Place) => p.heapIndex,
  set: (p: Place, i: number) => {
    p.heapIndex = i;
  },
  delete: (p: Place) => {
    p.heapIndex = undefined;
  },
};

/**
 * Agents of one (channel, skill), by level 0..10 (0 is the "any skill" slot). The counts mirror the
 * sizes of the sets and heaps in one small dense array each: "how many could take this" reads ten
 * adjacent numbers instead of following twenty pointers to objects spread over the heap.
 */
interface Slot {
  staffed: Set<RoutedAgent>[];
  idle: IndexedHeap<Place>[];
  staffedCount: Int32Array;
  idleCount: Int32Array;
}

interface Filing {
  skills: ReadonlyMap<string, number>;
  capacity: object;
  places: Place[];
}

export class AgentIndex {
  /** channel -> skill -> slot: two lookups on strings the events already hold (hash cached), no key built. */
  private readonly slots = new Map<Channel, Map<string, Slot>>();
  private readonly filed = new Map<RoutedAgent, Filing>();

  private find(channel: Channel, skill: string): Slot | undefined {
    return this.slots.get(channel)?.get(skill);
  }

  private slot(channel: Channel, skill: string): Slot {
    let bySkill = this.slots.get(channel);
    if (bySkill === undefined) {
      bySkill = new Map();
      this.slots.set(channel, bySkill);
    }
    let slot = bySkill.get(skill);
    if (slot === undefined) {
      slot = {
        staffed: Array.from({ length: MAX_LEVEL + 1 }, () => new Set<RoutedAgent>()),
        idle: Array.from(
          { length: MAX_LEVEL + 1 },
          () => new IndexedHeap<Place>(placeBefore, placeSlot, placeKey),
        ),
        staffedCount: new Int32Array(MAX_LEVEL + 1),
        idleCount: new Int32Array(MAX_LEVEL + 1),
      };
      bySkill.set(skill, slot);
    }
    return slot;
  }

  private filing(agent: RoutedAgent): Filing {
    const current = this.filed.get(agent);
    if (current !== undefined && current.skills === agent.skills && current.capacity === agent.capacity)
      return current;
    if (current !== undefined) this.unfile(agent);
    const places: Place[] = [];
    const place = (channel: Channel, slot: Slot, level: number): Place => ({
      agent,
      channel,
      slot,
      level,
      heapIndex: undefined,
      idleKey: agent.idleSinceMs,
      staffed: false,
    });
    for (const channel of channelsOf(agent)) {
      places.push(place(channel, this.slot(channel, ANY), 0));
      for (const [skill, level] of agent.skills)
        places.push(place(channel, this.slot(channel, skill), level));
    }
    const filing = { skills: agent.skills, capacity: agent.capacity, places };
    this.filed.set(agent, filing);
    return filing;
  }

  /** Re-file an agent after any change to its state, skills or idle time. */
  refresh(agent: RoutedAgent): void {
    const { places } = this.filing(agent);
    let channel: Channel | undefined;
    let available = false;
    for (const p of places) {
      if (p.channel !== channel) {
        channel = p.channel;
        available = availableFor(agent, channel);
      }
      const heap = p.slot.idle[p.level] as IndexedHeap<Place>;
      if (!available) {
        if (heap.remove(p)) countIdle(p, -1);
      } else if (p.heapIndex === undefined) {
        p.idleKey = agent.idleSinceMs;
        heap.push(p);
        countIdle(p, 1);
      } else if (p.idleKey !== agent.idleSinceMs) {
        // Removed and re-added so a new idle time takes its place in the order.
        heap.remove(p);
        p.idleKey = agent.idleSinceMs;
        heap.push(p);
      }
      if (p.staffed !== agent.signedIn) fileStaffed(p, agent.signedIn);
    }
  }

  unfile(agent: RoutedAgent): void {
    const filing = this.filed.get(agent);
    if (filing === undefined) return;
    for (const p of filing.places) {
      if (p.slot.idle[p.level]?.remove(p)) countIdle(p, -1);
      if (p.staffed) fileStaffed(p, false);
    }
    this.filed.delete(agent);
  }

  /**
   * Best idle agent for these requirements: by the first requirement's level then longest idle
   * (most-skilled), or longest idle among all levels. Other requirements filter the candidates.
   */
  bestIdle(
    channel: Channel,
    reqs: readonly SkillRequirement[],
    order: "most-skilled" | "longest-idle",
  ): RoutedAgent | undefined {
    const first = reqs[0];
    if (first === undefined) return this.find(channel, ANY)?.idle[0]?.peek()?.agent;
    const slot = this.find(channel, first.skill);
    if (slot === undefined) return undefined;
    let best: RoutedAgent | undefined;
    for (let level = MAX_LEVEL; level >= first.minLevel; level--) {
      if (slot.idleCount[level] === 0) continue;
      const heap = slot.idle[level];
      if (heap === undefined) continue;
      const candidate = reqs.length === 1 ? heap.peek()?.agent : bestMeeting(heap, reqs);
      if (candidate === undefined) continue;
      if (order === "most-skilled") return candidate;
      if (best === undefined || idleBefore(candidate, best)) best = candidate;
    }
    return best;
  }

  /** Signed-in agents who could take this work, busy or not, and how many of them are idle now. */
  eligible(channel: Channel, reqs: readonly SkillRequirement[]): { staffed: number; idle: number } {
    const first = reqs[0];
    const slot = this.find(channel, first?.skill ?? ANY);
    if (slot === undefined) return { staffed: 0, idle: 0 };
    if (first === undefined) return { staffed: slot.staffedCount[0] ?? 0, idle: slot.idleCount[0] ?? 0 };
    let staffed = 0;
    let idle = 0;
    for (let level = Math.max(1, first.minLevel); level <= MAX_LEVEL; level++) {
      if (reqs.length === 1) {
        staffed += slot.staffedCount[level] ?? 0;
        idle += slot.idleCount[level] ?? 0;
        continue;
      }
      const set = slot.staffed[level];
      const heap = slot.idle[level];
      for (const a of set ?? []) if (meets(a.skills, reqs)) staffed++;
      for (const p of heap?.values() ?? []) if (meets(p.agent.skills, reqs)) idle++;
    }
    return { staffed, idle };
  }
}

function countIdle(p: Place, delta: number): void {
  p.slot.idleCount[p.level] = (p.slot.idleCount[p.level] ?? 0) + delta;
}

/** Keep a place's staffed set and its count in step. */
function fileStaffed(p: Place, staffed: boolean): void {
  const set = p.slot.staffed[p.level] as Set<RoutedAgent>;
  p.staffed = staffed;
  if (staffed) set.add(p.agent);
  else set.delete(p.agent);
  p.slot.staffedCount[p.level] = set.size;
}

/** Longest-idle agent in a bucket that also meets the other requirements: a scan of one bucket. */
function bestMeeting(heap: IndexedHeap<Place>, reqs: readonly SkillRequirement[]): RoutedAgent | undefined {
  let best: RoutedAgent | undefined;
  for (const { agent: a } of heap.values()) {
    if (meets(a.skills, reqs) && (best === undefined || idleBefore(a, best))) best = a;
  }
  return best;
}
