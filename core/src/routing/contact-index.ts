// Waiting contacts, bucketed by (queue, channel, requirements): contacts in one bucket are
// interchangeable for eligibility, so each bucket is a heap in service order and an agent only
// looks at bucket heads. Buckets are found through their first requirement's skill, so a freed
// agent visits the buckets of its own skills only: sub-linear in contacts and in queues.

import type { Channel, SkillRequirement } from "../events/index";
import { type RoutedContact, servedBefore, servedBeforeAt } from "./contact";
import { IndexedHeap } from "./indexed-heap";

export interface ContactBucket {
  key: string;
  queueId: string;
  channel: Channel;
  requirements: readonly SkillRequirement[];
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
  private readonly bucketOf = new Map<RoutedContact, ContactBucket>();
  private readonly perQueue = new Map<string, Set<RoutedContact>>();

  get size(): number {
    return this.bucketOf.size;
  }

  has(contact: RoutedContact): boolean {
    return this.bucketOf.has(contact);
  }

  add(contact: RoutedContact): void {
    const key = bucketKey(contact.queueId, contact.channel, contact.requirements);
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      bucket = {
        key,
        queueId: contact.queueId,
        channel: contact.channel,
        requirements: contact.requirements.map((r) => ({ ...r })),
        heap: new IndexedHeap(servedBefore),
      };
      this.buckets.set(key, bucket);
      const first = `${contact.channel}|${contact.requirements[0]?.skill ?? ANY}`;
      const list = this.byFirstSkill.get(first);
      if (list === undefined) this.byFirstSkill.set(first, [bucket]);
      else list.push(bucket);
    }
    bucket.heap.push(contact);
    this.bucketOf.set(contact, bucket);
    let queue = this.perQueue.get(contact.queueId);
    if (queue === undefined) {
      queue = new Set();
      this.perQueue.set(contact.queueId, queue);
    }
    queue.add(contact);
  }

  remove(contact: RoutedContact): boolean {
    const bucket = this.bucketOf.get(contact);
    if (bucket === undefined) return false;
    bucket.heap.remove(contact);
    this.bucketOf.delete(contact);
    this.perQueue.get(contact.queueId)?.delete(contact);
    return true;
  }

  waitingIn(queueId: string): ReadonlySet<RoutedContact> {
    return this.perQueue.get(queueId) ?? new Set();
  }

  queueIds(): Iterable<string> {
    return this.perQueue.keys();
  }

  bucketFor(contact: RoutedContact): ContactBucket | undefined {
    return this.bucketOf.get(contact);
  }

  /**
   * The contact an agent with these skills should take next on `channel`: the best bucket head
   * among buckets it is eligible for. `allowed` filters queues (closed, for instance).
   */
  bestFor(skills: SkillLevels, channel: Channel, nowMs: number): RoutedContact | undefined {
    let best: RoutedContact | undefined;
    const consider = (list: readonly ContactBucket[] | undefined) => {
      if (list === undefined) return;
      for (const bucket of list) {
        const head = bucket.heap.peek();
        if (head === undefined || !meets(skills, bucket.requirements)) continue;
        if (best === undefined || servedBeforeAt(head, best, nowMs)) best = head;
      }
    };
    consider(this.byFirstSkill.get(`${channel}|${ANY}`));
    for (const skill of skills.keys()) consider(this.byFirstSkill.get(`${channel}|${skill}`));
    return best;
  }

  /** Contacts ahead of this one in its bucket: O(bucket), for explanations, not for decisions. */
  aheadInBucket(contact: RoutedContact): number {
    const bucket = this.bucketOf.get(contact);
    if (bucket === undefined) return 0;
    let ahead = 0;
    for (const other of bucket.heap.values()) if (other !== contact && servedBefore(other, contact)) ahead++;
    return ahead;
  }
}
