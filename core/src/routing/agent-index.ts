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

const idleKey = (a: RoutedAgent) => a.idleSinceMs;

/** Agents of one (channel, skill), by level 0..10 (0 is the "any skill" slot). */
interface Slot {
  staffed: Set<RoutedAgent>[];
  idle: IndexedHeap<RoutedAgent>[];
}

interface Place {
  channel: Channel;
  slot: Slot;
  level: number;
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
          () => new IndexedHeap<RoutedAgent>(idleBefore, undefined, idleKey),
        ),
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
    for (const channel of channelsOf(agent)) {
      places.push({ channel, slot: this.slot(channel, ANY), level: 0 });
      for (const [skill, level] of agent.skills)
        places.push({ channel, slot: this.slot(channel, skill), level });
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
      const heap = p.slot.idle[p.level] as IndexedHeap<RoutedAgent>;
      // Removed and re-added so a new idle time takes its place in the order.
      heap.remove(agent);
      if (available) heap.push(agent);
      if (agent.signedIn) p.slot.staffed[p.level]?.add(agent);
      else p.slot.staffed[p.level]?.delete(agent);
    }
  }

  unfile(agent: RoutedAgent): void {
    const filing = this.filed.get(agent);
    if (filing === undefined) return;
    for (const p of filing.places) {
      p.slot.idle[p.level]?.remove(agent);
      p.slot.staffed[p.level]?.delete(agent);
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
    if (first === undefined) return this.find(channel, ANY)?.idle[0]?.peek();
    const slot = this.find(channel, first.skill);
    if (slot === undefined) return undefined;
    let best: RoutedAgent | undefined;
    for (let level = MAX_LEVEL; level >= first.minLevel; level--) {
      const heap = slot.idle[level];
      if (heap === undefined || heap.size === 0) continue;
      const candidate = reqs.length === 1 ? heap.peek() : bestMeeting(heap, reqs);
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
    if (first === undefined) return { staffed: slot.staffed[0]?.size ?? 0, idle: slot.idle[0]?.size ?? 0 };
    let staffed = 0;
    let idle = 0;
    for (let level = Math.max(1, first.minLevel); level <= MAX_LEVEL; level++) {
      const set = slot.staffed[level];
      const heap = slot.idle[level];
      if (reqs.length === 1) {
        staffed += set?.size ?? 0;
        idle += heap?.size ?? 0;
        continue;
      }
      for (const a of set ?? []) if (meets(a.skills, reqs)) staffed++;
      for (const a of heap?.values() ?? []) if (meets(a.skills, reqs)) idle++;
    }
    return { staffed, idle };
  }
}

/** Longest-idle agent in a bucket that also meets the other requirements: a scan of one bucket. */
function bestMeeting(
  heap: IndexedHeap<RoutedAgent>,
  reqs: readonly SkillRequirement[],
): RoutedAgent | undefined {
  let best: RoutedAgent | undefined;
  for (const a of heap.values()) {
    if (meets(a.skills, reqs) && (best === undefined || idleBefore(a, best))) best = a;
  }
  return best;
}
