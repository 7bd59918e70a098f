// Waiting contacts, bucketed by (queue, channel, requirements): contacts in one bucket are
// interchangeable for eligibility, so each bucket is a heap in service order and an agent only
// looks at bucket heads. Buckets are found through their first requirement's skill, so a freed
// agent visits the buckets of its own skills only: sub-linear in contacts and in queues. The
// bucket and heap position ride on the contact itself: no per-contact map entry at 200,000 waiting.

import type { Channel, SkillRequirement } from "../events/index";
import {
  contactSlot,
  headFromKey,
  type RoutedContact,
  servedBefore,
  servedBeforeAt,
  serviceKey,
} from "./contact";
import { IndexedHeap } from "./indexed-heap";

export interface ContactBucket {
  key: string;
  queueId: string;
  channel: Channel;
  requirements: readonly SkillRequirement[];
  /** Shared by every contact of the bucket (one queue): heads compare from keys alone. */
  agingPerSecond: number;
  heap: IndexedHeap<RoutedContact>;
}

/** The agent's side of eligibility: what it has, as a lookup. */
export type SkillLevels = ReadonlyMap<string, number>;

export function meets(skills: SkillLevels, reqs: readonly SkillRequirement[]): boolean {
  for (const r of reqs) if ((skills.get(r.skill) ?? 0) < r.minLevel) return false;
  return true;
}

function bucketKey(queueId: string, channel: Channel, reqs: readonly SkillRequirement[]): string {
  let key = `${queueId}\u0000${channel}`;
  for (const r of reqs) key += `\u0000${r.skill}\u0001${r.minLevel}`;
  return key;
}

const ANY = "";

export class ContactIndex {
  private readonly buckets = new Map<string, ContactBucket>();
  /** `${channel}|${first skill}` -> buckets whose first requirement is that skill ("" = none). */
  private readonly byFirstSkill = new Map<string, ContactBucket[]>();
  private readonly perQueue = new Map<string, ContactBucket[]>();
  /** Per agent skill set and channel: the bucket lists to visit, resolved once. */
  private readonly visits = new WeakMap<SkillLevels, Map<Channel, ContactBucket[][]>>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  has(contact: RoutedContact): boolean {
    return contact.heapIndex !== undefined;
  }

  private list(channel: Channel, skill: string): ContactBucket[] {
    const key = `${channel}|${skill}`;
    let list = this.byFirstSkill.get(key);
    if (list === undefined) {
      list = [];
      this.byFirstSkill.set(key, list);
    }
    return list;
  }

  add(contact: RoutedContact): void {
    if (contact.heapIndex !== undefined) return;
    const key = bucketKey(contact.queueId, contact.channel, contact.requirements);
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      bucket = {
        key,
        queueId: contact.queueId,
        channel: contact.channel,
        requirements: contact.requirements.map((r) => ({ ...r })),
        agingPerSecond: contact.agingPerSecond,
        heap: new IndexedHeap(servedBefore, contactSlot, serviceKey),
      };
      this.buckets.set(key, bucket);
      this.list(contact.channel, contact.requirements[0]?.skill ?? ANY).push(bucket);
      const queue = this.perQueue.get(contact.queueId);
      if (queue === undefined) this.perQueue.set(contact.queueId, [bucket]);
      else queue.push(bucket);
    }
    bucket.heap.push(contact);
    contact.bucket = bucket;
    this.count += 1;
  }

  remove(contact: RoutedContact): boolean {
    const bucket = contact.bucket;
    if (bucket === undefined || !bucket.heap.remove(contact)) return false;
    contact.bucket = undefined;
    this.count -= 1;
    return true;
  }

  /** Waiting contacts of a queue, in no particular order. */
  *waitingIn(queueId: string): Iterable<RoutedContact> {
    for (const bucket of this.perQueue.get(queueId) ?? []) yield* bucket.heap.values();
  }

  waitingCount(queueId: string): number {
    let n = 0;
    for (const bucket of this.perQueue.get(queueId) ?? []) n += bucket.heap.size;
    return n;
  }

  bucketFor(contact: RoutedContact): ContactBucket | undefined {
    return contact.bucket;
  }

  private visitsFor(skills: SkillLevels, channel: Channel): ContactBucket[][] {
    let byChannel = this.visits.get(skills);
    if (byChannel === undefined) {
      byChannel = new Map();
      this.visits.set(skills, byChannel);
    }
    let lists = byChannel.get(channel);
    if (lists === undefined) {
      lists = [this.list(channel, ANY), ...[...skills.keys()].map((skill) => this.list(channel, skill))];
      byChannel.set(channel, lists);
    }
    return lists;
  }

  /**
   * The contact an agent with these skills should take next on `channel`: the best eligible bucket
   * head. Heads are compared by the key kept in each heap (no visit to the contact objects); keys
   * closer than the float noise of the comparison go to the exact comparison.
   */
  bestFor(skills: SkillLevels, channel: Channel, nowMs: number): RoutedContact | undefined {
    let best: ContactBucket | undefined;
    let bestAtHead = false;
    let bestPriority = 0;
    for (const list of this.visitsFor(skills, channel)) {
      for (const bucket of list) {
        const key = bucket.heap.peekKey();
        if (key === undefined || !meets(skills, bucket.requirements)) continue;
        const head = headFromKey(key, bucket.agingPerSecond, nowMs);
        if (best !== undefined) {
          if (head.atHead !== bestAtHead) {
            if (!head.atHead) continue;
          } else if (Math.abs(head.priority - bestPriority) > 1e-3) {
            if (head.priority < bestPriority) continue;
          } else if (
            !servedBeforeAt(bucket.heap.peek() as RoutedContact, best.heap.peek() as RoutedContact, nowMs)
          ) {
            continue;
          }
        }
        best = bucket;
        bestAtHead = head.atHead;
        bestPriority = head.priority;
      }
    }
    return best?.heap.peek();
  }

  /** Contacts ahead of this one in its bucket: O(bucket), for explanations, not for decisions. */
  aheadInBucket(contact: RoutedContact): number {
    const bucket = this.bucketFor(contact);
    if (bucket === undefined) return 0;
    let ahead = 0;
    for (const other of bucket.heap.values()) if (other !== contact && servedBefore(other, contact)) ahead++;
    return ahead;
  }
}
