// Waiting contacts, bucketed by (queue, channel, requirements): contacts in one bucket are
// interchangeable for eligibility, so each bucket is a heap in service order and an agent only
// looks at bucket heads. Buckets are found through their first requirement's skill, so a freed
// agent visits the buckets of its own skills only: sub-linear in contacts and in queues. The
// bucket and heap position ride on the contact itself: no per-contact map entry at 200,000 waiting.

import type { Channel, SkillRequirement } from "../events/index";
import {
  contactSlot,
  keyAtHead,
  priorityFromKey,
  type RoutedContact,
  servedBefore,
  servedBeforeAt,
  serviceKey,
} from "./contact";
import { IndexedHeap } from "./indexed-heap";

export interface ContactBucket {
  queueId: string;
  channel: Channel;
  /** The first contact's list, shared by every contact filed here (lists are never edited in place). */
  requirements: SkillRequirement[];
  requirementsText: string;
  /** Shared by every contact of the bucket (one queue): heads compare from keys alone. */
  agingPerSecond: number;
  heap: IndexedHeap<RoutedContact>;
  /**
   * The heap's head key, +Infinity when empty, kept beside the rate: a freed agent compares a dozen
   * heads, and reading them here saves two pointer hops per bucket (heap, then its key array).
   */
  headKey: number;
}

/** The agent's side of eligibility: what it has, as a lookup. */
export type SkillLevels = ReadonlyMap<string, number>;

export function meets(skills: SkillLevels, reqs: readonly SkillRequirement[]): boolean {
  for (const r of reqs) if ((skills.get(r.skill) ?? 0) < r.minLevel) return false;
  return true;
}

function sameRequirements(a: readonly SkillRequirement[], b: readonly SkillRequirement[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as SkillRequirement;
    const y = b[i] as SkillRequirement;
    if (x.skill !== y.skill || x.minLevel !== y.minLevel) return false;
  }
  return true;
}

/** The buckets an agent's skill set may take from on one channel, as of `version` buckets created. */
interface Visit {
  version: number;
  buckets: ContactBucket[];
}

const ANY = "";

function headKeyOf(bucket: ContactBucket): number {
  return bucket.heap.peekKey() ?? Number.POSITIVE_INFINITY;
}

export class ContactIndex {
  /**
   * queue -> channel -> its buckets. Found by comparing requirements, not by a key string: building
   * and hashing a fresh string per enqueue cost more than scanning the few buckets of one queue.
   */
  private readonly buckets = new Map<string, Map<Channel, ContactBucket[]>>();
  /** Buckets ever created; visit lists built before the last creation are rebuilt. */
  private version = 0;
  /** `${channel}|${first skill}` -> buckets whose first requirement is that skill ("" = none). */
  private readonly byFirstSkill = new Map<string, ContactBucket[]>();
  private readonly perQueue = new Map<string, ContactBucket[]>();
  /**
   * Per agent skill set and channel: the buckets it meets, in visit order, resolved once (skill maps
   * are replaced, never mutated, on a change of skills). Buckets are never dropped, so only a new
   * bucket makes a list stale.
   */
  private readonly visits = new WeakMap<SkillLevels, Map<Channel, Visit>>();
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
    let bucket = this.find(contact);
    if (bucket === undefined) {
      bucket = {
        queueId: contact.queueId,
        channel: contact.channel,
        requirements: contact.requirements,
        requirementsText: contact.requirementsText,
        agingPerSecond: contact.agingPerSecond,
        heap: new IndexedHeap(servedBefore, contactSlot, serviceKey),
        headKey: Number.POSITIVE_INFINITY,
      };
      this.version += 1;
      this.sameChannel(contact.queueId, contact.channel).push(bucket);
      this.list(contact.channel, contact.requirements[0]?.skill ?? ANY).push(bucket);
      const queue = this.perQueue.get(contact.queueId);
      if (queue === undefined) this.perQueue.set(contact.queueId, [bucket]);
      else queue.push(bucket);
    }
    bucket.heap.push(contact);
    bucket.headKey = headKeyOf(bucket);
    contact.bucket = bucket;
    this.count += 1;
  }

  private sameChannel(queueId: string, channel: Channel): ContactBucket[] {
    let byChannel = this.buckets.get(queueId);
    if (byChannel === undefined) {
      byChannel = new Map();
      this.buckets.set(queueId, byChannel);
    }
    let list = byChannel.get(channel);
    if (list === undefined) {
      list = [];
      byChannel.set(channel, list);
    }
    return list;
  }

  private find(contact: RoutedContact): ContactBucket | undefined {
    return this.filedAs(contact.queueId, contact.channel, contact.requirements);
  }

  /**
   * The bucket contacts with these requirements wait in, if there is one yet. A new contact takes its
   * requirement list and text from it instead of keeping copies of its own: at 200,000 waiting that
   * is memory, and bytes the young-generation collector no longer copies for every arrival.
   */
  filedAs(queueId: string, channel: Channel, reqs: readonly SkillRequirement[]): ContactBucket | undefined {
    const list = this.buckets.get(queueId)?.get(channel);
    if (list === undefined) return undefined;
    for (const bucket of list) if (sameRequirements(bucket.requirements, reqs)) return bucket;
    return undefined;
  }

  remove(contact: RoutedContact): boolean {
    const bucket = contact.bucket;
    if (bucket === undefined || !bucket.heap.remove(contact)) return false;
    bucket.headKey = headKeyOf(bucket);
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

  private visitsFor(skills: SkillLevels, channel: Channel): ContactBucket[] {
    let byChannel = this.visits.get(skills);
    if (byChannel === undefined) {
      byChannel = new Map();
      this.visits.set(skills, byChannel);
    }
    let visit = byChannel.get(channel);
    if (visit === undefined || visit.version !== this.version) {
      // Same order as visiting the lists one by one: "any skill" first, then the agent's skills.
      const buckets: ContactBucket[] = [];
      for (const skill of [ANY, ...skills.keys()])
        for (const bucket of this.list(channel, skill))
          if (meets(skills, bucket.requirements)) buckets.push(bucket);
      visit = { version: this.version, buckets };
      byChannel.set(channel, visit);
    }
    return visit.buckets;
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
    for (const bucket of this.visitsFor(skills, channel)) {
      const key = bucket.headKey;
      if (key === Number.POSITIVE_INFINITY) continue;
      // Head flag and current priority from the key alone, no object: this runs per bucket per freed agent.
      const atHead = keyAtHead(key);
      const priority = priorityFromKey(key, atHead, bucket.agingPerSecond, nowMs);
      if (best !== undefined) {
        if (atHead !== bestAtHead) {
          if (!atHead) continue;
        } else if (Math.abs(priority - bestPriority) > 1e-3) {
          if (priority < bestPriority) continue;
        } else if (
          !servedBeforeAt(bucket.heap.peek() as RoutedContact, best.heap.peek() as RoutedContact, nowMs)
        ) {
          continue;
        }
      }
      best = bucket;
      bestAtHead = atHead;
      bestPriority = priority;
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
