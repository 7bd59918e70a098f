import { type Direction, RecentIds } from "@starboard/core";
import type { RecognizedCustomer } from "./map-context";

/** What the mapper remembers about a live contact between events. */
export interface LiveCall {
  contactId: string;
  direction: Direction;
  from: string;
  to: string;
  createdMicros: number;
  answeredMicros?: number;
  queueId?: string;
  /** When the member joined its queue (mod_callcenter CC-Member-Joined-Time), epoch seconds. */
  queuedAtSeconds?: number;
  /** Order of joining, to compute queue positions. */
  queueSeq?: number;
  offers: number;
  agentId?: string;
  connected: boolean;
  /** When the customer was connected to the agent (talk is counted from here, not from answer). */
  connectedMicros?: number;
  heldMicros?: number;
  /** Hold time of finished holds seen on this connection, for when FreeSWITCH's total is absent. */
  heldTotalMicros?: number;
  /** Who the directory says is calling, looked up when the contact was first seen. */
  customer?: RecognizedCustomer;
}

/**
 * Live channel state: contacts by their channel uuid, and the other legs (agent, bridged B-legs)
 * pointing at the contact they serve, so a hold on the agent's phone resolves to the customer's
 * contact. Small on purpose: rebuilt from `show channels as json` after a reconnect.
 */
export class CallTable {
  private readonly calls = new Map<string, LiveCall>();
  private readonly legs = new Map<string, string>();
  /** The legs of each contact (the reverse of `legs`), so a hangup does not walk every leg. */
  private readonly legsOf = new Map<string, Set<string>>();
  /**
   * Calls waiting in each queue: a queue position counts within its queue instead of walking every
   * live call, several times per call at load. A call leaves it when it connects (`connect`): with
   * 200 agents busy, the calls they were talking to made most of each walk.
   */
  private readonly byQueue = new Map<string, Set<LiveCall>>();
  /** Channels that hung up recently: their late events (the B-leg's own hangup) must not be adopted. */
  private readonly ended = new RecentIds(10_000);
  private sequence = 0;

  get size(): number {
    return this.calls.size;
  }

  add(call: LiveCall): void {
    const prior = this.calls.get(call.contactId);
    if (prior !== undefined && prior !== call) this.leaveQueue(prior);
    this.calls.set(call.contactId, call);
    if (call.queueId !== undefined) this.joinQueue(call, call.queueId);
  }

  get(contactId: string): LiveCall | undefined {
    return this.calls.get(contactId);
  }

  /** The contact a channel belongs to, whether it is the contact's own leg or one bridged to it. */
  resolve(channelUuid: string): LiveCall | undefined {
    const own = this.calls.get(channelUuid);
    if (own !== undefined) return own;
    const contactId = this.legs.get(channelUuid);
    return contactId === undefined ? undefined : this.calls.get(contactId);
  }

  linkLeg(legUuid: string, contactId: string): void {
    if (legUuid === contactId) return;
    const owner = this.legs.get(legUuid);
    if (owner !== undefined && owner !== contactId) this.legsOf.get(owner)?.delete(legUuid);
    this.legs.set(legUuid, contactId);
    let legs = this.legsOf.get(contactId);
    if (legs === undefined) {
      legs = new Set();
      this.legsOf.set(contactId, legs);
    }
    legs.add(legUuid);
  }

  isLeg(uuid: string): boolean {
    return this.legs.has(uuid);
  }

  enqueue(call: LiveCall, queueId: string, joinedSeconds: number): void {
    this.leaveQueue(call);
    this.joinQueue(call, queueId);
    call.queueId = queueId;
    call.queuedAtSeconds = joinedSeconds;
    call.queueSeq = ++this.sequence;
  }

  /** The call reached an agent: it no longer waits in its queue. */
  connect(call: LiveCall): void {
    call.connected = true;
    this.leaveQueue(call);
  }

  /** 1-based place among contacts still waiting in the same queue. */
  position(call: LiveCall): number {
    let ahead = 0;
    const members = call.queueId === undefined ? undefined : this.byQueue.get(call.queueId);
    for (const other of members ?? []) {
      if (
        other !== call &&
        other.queueId === call.queueId &&
        !other.connected &&
        other.queueSeq !== undefined
      ) {
        if (call.queueSeq === undefined || other.queueSeq < call.queueSeq) ahead++;
      }
    }
    return ahead + 1;
  }

  private joinQueue(call: LiveCall, queueId: string): void {
    let members = this.byQueue.get(queueId);
    if (members === undefined) {
      members = new Set();
      this.byQueue.set(queueId, members);
    }
    members.add(call);
  }

  private leaveQueue(call: LiveCall): void {
    if (call.queueId !== undefined) this.byQueue.get(call.queueId)?.delete(call);
  }

  isEnded(uuid: string): boolean {
    return this.ended.has(uuid);
  }

  private markEnded(uuid: string): void {
    this.ended.add(uuid);
  }

  remove(uuid: string): void {
    this.markEnded(uuid);
    const contactId = this.legs.get(uuid);
    this.legs.delete(uuid);
    if (contactId !== undefined) {
      this.legsOf.get(contactId)?.delete(uuid);
      return;
    }
    const call = this.calls.get(uuid);
    if (call !== undefined) this.leaveQueue(call);
    this.calls.delete(uuid);
    for (const leg of this.legsOf.get(uuid) ?? []) {
      if (this.legs.get(leg) !== uuid) continue;
      this.legs.delete(leg);
      this.markEnded(leg);
    }
    this.legsOf.delete(uuid);
  }

  contacts(): IterableIterator<LiveCall> {
    return this.calls.values();
  }
}
