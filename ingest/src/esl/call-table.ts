import type { Direction } from "@starboard/core";
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
  /** Channels that hung up recently: their late events (the B-leg's own hangup) must not be adopted. */
  private readonly ended = new Set<string>();
  private sequence = 0;

  get size(): number {
    return this.calls.size;
  }

  add(call: LiveCall): void {
    this.calls.set(call.contactId, call);
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
    if (legUuid !== contactId) this.legs.set(legUuid, contactId);
  }

  isLeg(uuid: string): boolean {
    return this.legs.has(uuid);
  }

  enqueue(call: LiveCall, queueId: string, joinedSeconds: number): void {
    call.queueId = queueId;
    call.queuedAtSeconds = joinedSeconds;
    call.queueSeq = ++this.sequence;
  }

  /** 1-based place among contacts still waiting in the same queue. */
  position(call: LiveCall): number {
    let ahead = 0;
    for (const other of this.calls.values()) {
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

  isEnded(uuid: string): boolean {
    return this.ended.has(uuid);
  }

  private markEnded(uuid: string): void {
    this.ended.add(uuid);
    if (this.ended.size > 10_000) {
      const oldest = this.ended.values().next().value;
      if (oldest !== undefined) this.ended.delete(oldest);
    }
  }

  remove(uuid: string): void {
    this.markEnded(uuid);
    const contactId = this.legs.get(uuid);
    this.legs.delete(uuid);
    if (contactId !== undefined) return;
    this.calls.delete(uuid);
    for (const [leg, owner] of this.legs) {
      if (owner !== uuid) continue;
      this.legs.delete(leg);
      this.markEnded(leg);
    }
  }

  contacts(): IterableIterator<LiveCall> {
    return this.calls.values();
  }
}
