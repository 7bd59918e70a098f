import { exampleEvents, type QueuedContact, type StarboardEvent, type TimedMessage } from "@starboard/core";

// A seeded simulated day for the parity test: the same contacts as events (through the sink and
// SQL) and as core/src/metrics inputs (QueuedContact stays, CSAT scores, resolutions). It mixes what
// the reports must agree on: waits at the threshold and short-abandon edges (4.999, 5, 19.999, 20,
// 20.001), waits that cross a 15-minute edge, callbacks (some also connected within T), overflows
// (flow-out of one queue, flow-in and exit in another), requeues after a missed offer, and contacts
// still waiting at the end of the day.

export interface Stay {
  queueId: string;
  channel: string;
  contact: QueuedContact;
}

export interface ParityDay {
  events: StarboardEvent[];
  stays: Stay[];
  /** Contacts that ended, by channel: resolution and CSAT inputs. */
  ended: { channel: string; resolved: boolean; csat?: number }[];
  /** Each chat's messages: first response time inputs. */
  chats: { channel: string; messages: TimedMessage[] }[];
}

const queues = [
  { id: "q-voice-a", channel: "voice" },
  { id: "q-voice-b", channel: "voice" },
  { id: "q-chat", channel: "webchat" },
] as const;
const waits = [0, 2, 4.999, 5, 5.001, 8.25, 12, 15, 19.999, 20, 20.001, 27.5, 45, 88.125, 240];
const dayStart = Date.UTC(2026, 10, 30);

function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

export function parityDay(contacts = 400, seed = 7): ParityDay {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const x = exampleEvents;
  const day: ParityDay = { events: [], stays: [], ended: [], chats: [] };
  const strip = (e: StarboardEvent) => JSON.parse(JSON.stringify(e)) as StarboardEvent;

  for (let i = 0; i < contacts; i++) {
    const cid = `p${i}`;
    const queue = pick(queues);
    const base = { tenant: "default", channel: queue.channel, contactId: cid, agentId: undefined } as const;
    // Every third contact is queued 5-25 s before a 15-minute edge, so its exit falls in the next one.
    const slot = dayStart + 8 * 3_600_000 + i * 90_000;
    const t0 = i % 3 === 0 ? slot - (slot % 900_000) + 900_000 - 5_000 - Math.floor(random() * 20_000) : slot;
    const events: StarboardEvent[] = [];
    let seq = 0;
    const push = (e: StarboardEvent) => events.push({ ...e, id: `${cid}-${seq++}` });
    const queued = (at: number, queueId: string, entry: "new" | "requeue" | "overflow") =>
      push({
        ...x["contact.queued"],
        ...base,
        time: iso(at),
        data: { ...x["contact.queued"].data, queueId, entry },
      });
    const agentId = `agent-${i % 7}`;
    const connect = (at: number, queueId: string, wait: number) =>
      push({
        ...x["contact.connected"],
        ...base,
        agentId,
        time: iso(at),
        data: { queueId, waitSeconds: wait, ringMs: 0 },
      });
    const finish = (at: number, queueId: string, handled: boolean) => {
      const talk = handled ? 30 + Math.floor(random() * 600) : 0;
      const hold = handled ? pick([0, 0, 15, 42.5]) : 0;
      const wrapup = handled ? pick([0, 10, 30]) : 0;
      const resolved = handled && random() < 0.7;
      const csat = handled && random() < 0.6 ? 1 + Math.floor(random() * 5) : undefined;
      const endedAt = at + (talk + hold + wrapup) * 1_000 + 100;
      push({
        ...x["contact.ended"],
        ...base,
        agentId: handled ? agentId : undefined,
        time: iso(endedAt),
        data: {
          endedBy: "customer" as const,
          outcome: handled ? "handled" : "abandoned",
          resolved,
          queueId,
          waitSeconds: 0,
          talkSeconds: talk,
          holdSeconds: hold,
          wrapupSeconds: wrapup,
          categories: [],
        },
      });
      if (csat !== undefined)
        push({
          ...x["csat.survey-answered"],
          ...base,
          agentId,
          time: iso(endedAt + 60_000),
          data: { surveyId: `s-${cid}`, score: csat },
        });
      day.ended.push({ channel: queue.channel, resolved, ...(csat === undefined ? {} : { csat }) });
      return { talkSeconds: talk, holdSeconds: hold, wrapupSeconds: wrapup };
    };
    const stay = (queueId: string, contact: QueuedContact) =>
      day.stays.push({ queueId, channel: queue.channel, contact });

    push({ ...x["contact.created"], ...base, time: iso(t0 - 1_000), data: { ...x["contact.created"].data } });
    queued(t0, queue.id, "new");
    const kind =
      i >= contacts - 6
        ? "waiting"
        : pick(["handled", "handled", "handled", "abandoned", "callback", "overflow", "requeue"] as const);
    const wait = pick(waits);
    const at = t0 + Math.round(wait * 1_000);
    if (kind === "waiting") {
      stay(queue.id, { queuedAt: t0, waitSeconds: 0 });
    } else if (kind === "handled") {
      connect(at, queue.id, wait);
      stay(queue.id, { queuedAt: t0, connectedAt: at, waitSeconds: wait, ...finish(at, queue.id, true) });
    } else if (kind === "abandoned") {
      push({
        ...x["contact.abandoned"],
        ...base,
        time: iso(at),
        data: { queueId: queue.id, waitSeconds: wait, position: 1 },
      });
      finish(at, queue.id, false);
      stay(queue.id, { queuedAt: t0, abandonedAt: at, waitSeconds: wait });
    } else if (kind === "callback") {
      const cbAt = t0 + Math.round(wait * 1_000);
      push({
        ...x["contact.callback-requested"],
        ...base,
        time: iso(cbAt),
        data: { ...x["contact.callback-requested"].data, queueId: queue.id, waitSeconds: wait },
      });
      // Half are called back within seconds (both removals within T when wait <= 17), half much later.
      const total = wait + (random() < 0.5 ? 3 : 600);
      const connectedAt = t0 + Math.round(total * 1_000);
      connect(connectedAt, queue.id, total);
      stay(queue.id, {
        queuedAt: t0,
        callbackRequestedAt: cbAt,
        connectedAt,
        waitSeconds: total,
        ...finish(connectedAt, queue.id, true),
      });
    } else if (kind === "overflow") {
      const other =
        queue.id === "q-voice-a" ? "q-voice-b" : queue.id === "q-voice-b" ? "q-voice-a" : "q-chat-2";
      push({
        ...x["contact.overflowed"],
        ...base,
        time: iso(at),
        data: { fromQueueId: queue.id, toQueueId: other, ruleId: "overflow", waitSeconds: wait },
      });
      stay(queue.id, { queuedAt: t0, flowedOutAt: at, waitSeconds: wait });
      const entered = at + 1;
      queued(entered, other, "overflow");
      const wait2 = pick(waits);
      const exitAt = entered + Math.round(wait2 * 1_000);
      if (random() < 0.7) {
        connect(exitAt, other, wait2);
        stay(other, {
          queuedAt: entered,
          connectedAt: exitAt,
          waitSeconds: wait2,
          ...finish(exitAt, other, true),
        });
      } else {
        push({
          ...x["contact.abandoned"],
          ...base,
          time: iso(exitAt),
          data: { queueId: other, waitSeconds: wait2, position: 1 },
        });
        finish(exitAt, other, false);
        stay(other, { queuedAt: entered, abandonedAt: exitAt, waitSeconds: wait2 });
      }
    } else {
      // Requeue: the first agent lets it ring out; the contact waits on in the same stay.
      push({
        ...x["contact.offer-timeout"],
        ...base,
        agentId: "agent-x",
        time: iso(t0 + 20_000),
        data: { queueId: queue.id, ringMs: 20_000 },
      });
      queued(t0 + 20_001, queue.id, "requeue");
      const total = 20.001 + wait;
      const connectedAt = t0 + Math.round(total * 1_000);
      connect(connectedAt, queue.id, total);
      stay(queue.id, {
        queuedAt: t0,
        connectedAt,
        waitSeconds: total,
        ...finish(connectedAt, queue.id, true),
      });
    }
    if (queue.channel === "webchat") {
      // A chat's messages: the customer writes before and after queueing; a bot greets (not a
      // response); every fourth chat starts with a proactive agent message (not a reply); an agent
      // replies after the connect, when there was one.
      const messages: TimedMessage[] = [];
      const say = (at: number, role: "customer" | "agent" | "bot") => {
        messages.push({ at, senderRole: role });
        if (role === "customer")
          push({
            ...x["message.received"],
            ...base,
            time: iso(at),
            data: { messageId: `${cid}-m${seq}`, senderRole: "customer" as const, text: "hi" },
          });
        else
          push({
            ...x["message.sent"],
            ...base,
            agentId: role === "agent" ? agentId : undefined,
            time: iso(at),
            data: {
              messageId: `${cid}-m${seq}`,
              senderRole: role,
              text: "hello",
              ...(role === "bot" ? { botId: "bot-1" } : {}),
            },
          });
      };
      if (i % 4 === 0) say(t0 - 6_000, "agent");
      say(t0 - 2_000, "customer");
      say(t0 - 1_500, "bot");
      say(t0 + 500, "customer");
      const connected = events.find((e) => e.type === "contact.connected");
      if (connected !== undefined) {
        const at = Date.parse(connected.time) + 1_000 + (i % 9) * 1_237;
        say(at, "agent");
        say(at + 4_000, "customer");
        say(at + 9_000, "agent");
      }
      day.chats.push({ channel: queue.channel, messages });
    }
    day.events.push(...events.map(strip));
  }
  day.events.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
  return day;
}

export const parityRange = { from: new Date(dayStart), to: new Date(dayStart + 86_400_000) };
