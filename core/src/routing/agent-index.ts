// Idle agents bucketed by (channel, skill, level), each bucket a heap by idle time: a contact needing
// billing>=5 looks at ten buckets at most (levels 10..5) and takes a head. Staffed agents are kept the
// same way, as sets, so "how many agents could take this" is a few set sizes, not a scan.

import type { Channel, SkillRequirement } from "../events/index";
import { availableFor, channelsOf, type RoutedAgent } from "./agent";
import { meets } from "./contact-index";
import { IndexedHeap } from "./indexed-heap";

const MAX_LEVEL = 10;
const ANY = "";

function idleBefore(a: RoutedAgent, b: RoutedAgent): boolean {
  return a.idleSinceMs !== b.idleSinceMs ? a.idleSinceMs < b.idleSinceMs : a.seq < b.seq;
}

function key(channel: Channel, skill: string, level: number): string {
  return `${channel}|${skill}|${level}`;
}

export class AgentIndex {
  private readonly idle = new Map<string, IndexedHeap<RoutedAgent>>();
  private readonly staffed = new Map<string, Set<RoutedAgent>>();
  /** What each agent is filed under, so it can be unfiled without recomputing from changed skills. */
  private readonly filed = new Map<RoutedAgent, { idle: string[]; staffed: string[] }>();

  /** Re-file an agent after any change to its state, skills or idle time. */
  refresh(agent: RoutedAgent): void {
    this.unfile(agent);
    if (!agent.signedIn) return;
    const entry = { idle: [] as string[], staffed: [] as string[] };
    for (const channel of channelsOf(agent)) {
      const keys = [key(channel, ANY, 0)];
      for (const [skill, level] of agent.skills) keys.push(key(channel, skill, level));
      for (const k of keys) {
        let set = this.staffed.get(k);
        if (set === undefined) {
          set = new Set();
          this.staffed.set(k, set);
        }
        set.add(agent);
        entry.staffed.push(k);
      }
      if (!availableFor(agent, channel)) continue;
      for (const k of keys) {
        let heap = this.idle.get(k);
        if (heap === undefined) {
          heap = new IndexedHeap(idleBefore);
          this.idle.set(k, heap);
        }
        heap.push(agent);
        entry.idle.push(k);
      }
    }
    this.filed.set(agent, entry);
  }

  unfile(agent: RoutedAgent): void {
    const entry = this.filed.get(agent);
    if (entry === undefined) return;
    for (const k of entry.idle) this.idle.get(k)?.remove(agent);
    for (const k of entry.staffed) this.staffed.get(k)?.delete(agent);
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
    if (first === undefined) return this.idle.get(key(channel, ANY, 0))?.peek();
    let best: RoutedAgent | undefined;
    for (let level = MAX_LEVEL; level >= first.minLevel; level--) {
      const heap = this.idle.get(key(channel, first.skill, level));
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
    if (first === undefined) {
      return {
        staffed: this.staffed.get(key(channel, ANY, 0))?.size ?? 0,
        idle: this.idle.get(key(channel, ANY, 0))?.size ?? 0,
      };
    }
    let staffed = 0;
    let idle = 0;
    for (let level = first.minLevel; level <= MAX_LEVEL; level++) {
      const k = key(channel, first.skill, level);
      const set = this.staffed.get(k);
      const heap = this.idle.get(k);
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
