import { firstResponseSeconds, type TimedMessage } from "@starboard/core";
import { afterEach, describe, expect, it } from "vitest";
import type { Warehouse } from "../src/client";
import { migrate } from "../src/migrate";
import { listMigrations } from "../src/migrations";
import { chatFirstResponse } from "../src/reports/channels";
import { clickhouseTime, rawEventColumns, rawEventInsertSettings } from "../src/sink/index";
import { freshWarehouse } from "./warehouse";

// Chat first response is folded per chat at insert time (migrations/0018): these feed message
// events straight into raw_events in shuffled, repeated, small inserts and check the report against
// core's firstResponseSeconds after every few inserts, so every order of arrival is an old state
// being replaced by a new one.

type Role = TimedMessage["senderRole"];
interface Chat {
  id: string;
  channel: string;
  messages: TimedMessage[];
}

const range = { from: new Date(Date.UTC(2026, 10, 29)), to: new Date(Date.UTC(2026, 11, 1)), tenant: "t1" };
const dayStart = Date.UTC(2026, 10, 29);
const dayMs = 86_400_000;

/** Deterministic PRNG (mulberry32): the same chats every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Chats over three days (late ones cross midnight), some proactive, some never answered, bots. */
function chats(rand: () => number, count: number): Chat[] {
  const roles: Role[] = ["customer", "customer", "agent", "agent", "bot", "system"];
  return Array.from({ length: count }, (_, i) => {
    const start = dayStart + Math.floor(rand() * 3 * dayMs) - (i % 10 === 0 ? 60_000 : 0);
    const messages = Array.from({ length: 1 + Math.floor(rand() * 7) }, () => ({
      at: start + Math.floor(rand() * 7_200_000),
      senderRole: roles[Math.floor(rand() * roles.length)] ?? "customer",
    }));
    return { id: `c${i}`, channel: i % 3 === 0 ? "whatsapp" : "webchat", messages };
  });
}

function line(chat: Chat, m: TimedMessage, n: number): string {
  const customer = m.senderRole === "customer";
  const time = clickhouseTime(new Date(m.at).toISOString());
  const data = customer
    ? { messageId: `${chat.id}-${n}`, senderRole: "customer", text: "hi" }
    : { messageId: `${chat.id}-${n}`, senderRole: m.senderRole, text: "hello" };
  return JSON.stringify([
    `${chat.id}-e${n}`,
    customer ? "message.received" : "message.sent",
    1,
    time,
    "t1",
    "test",
    chat.channel,
    chat.id,
    m.senderRole === "agent" ? "a1" : "",
    data,
    "starboard.events",
    0,
    n,
    time,
  ]);
}

/** Core's answer over the messages seen so far, per channel, for chats whose customer first wrote in range. */
function expected(seen: Map<string, { chat: Chat; messages: TimedMessage[] }>) {
  const out = new Map<string, { count: number; seconds: number }>();
  for (const { chat, messages } of seen.values()) {
    const seconds = firstResponseSeconds(messages);
    const first = Math.min(...messages.filter((m) => m.senderRole === "customer").map((m) => m.at));
    if (seconds === null || first < range.from.getTime() || first >= range.to.getTime()) continue;
    const sum = out.get(chat.channel) ?? { count: 0, seconds: 0 };
    out.set(chat.channel, { count: sum.count + 1, seconds: sum.seconds + seconds });
  }
  return out;
}

async function insert(warehouse: Warehouse, lines: string[]): Promise<void> {
  await warehouse.insertRows({
    table: "raw_events",
    columns: rawEventColumns,
    body: `${lines.join("\n")}\n`,
    // Repeats must reach the views: the fold itself has to ignore them, not ClickHouse's block dedup.
    settings: { ...rawEventInsertSettings, parallel_view_processing: 1, insert_deduplicate: 0 },
  });
}

function expectSame(
  actual: Map<string, { count: number; seconds: number }>,
  wanted: Map<string, { count: number; seconds: number }>,
) {
  expect([...actual.keys()].sort()).toEqual([...wanted.keys()].sort());
  for (const [channel, w] of wanted) {
    expect(actual.get(channel)?.count, channel).toBe(w.count);
    expect(actual.get(channel)?.seconds, channel).toBeCloseTo(w.seconds, 6);
  }
}

let dispose: (() => Promise<void>) | undefined;
afterEach(async () => {
  await dispose?.();
  dispose = undefined;
});

describe("chat first response folded at insert time", () => {
  it("matches core after every few inserts, whatever the order, with repeated events", async () => {
    const fresh = await freshWarehouse();
    dispose = fresh.dispose;
    const rand = random(7);
    const all = chats(rand, 150);
    const events = all.flatMap((chat) => chat.messages.map((m, n) => ({ chat, m, n })));
    // A fifth of the events again, then everything shuffled (Fisher-Yates).
    for (const e of events.slice(0, Math.floor(events.length / 5))) events.push(e);
    for (let i = events.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [events[i], events[j]] = [events[j] as (typeof events)[number], events[i] as (typeof events)[number]];
    }
    const seen = new Map<string, { chat: Chat; messages: TimedMessage[]; ns: Set<number> }>();
    let at = 0;
    let inserts = 0;
    while (at < events.length) {
      const group = events.slice(at, at + 1 + Math.floor(rand() * 25));
      at += group.length;
      await insert(
        fresh.warehouse,
        group.map((e) => line(e.chat, e.m, e.n)),
      );
      for (const { chat, m, n } of group) {
        const s = seen.get(chat.id) ?? { chat, messages: [], ns: new Set<number>() };
        if (!s.ns.has(n)) s.messages.push(m);
        s.ns.add(n);
        seen.set(chat.id, s);
      }
      if (++inserts % 5 === 0 || at >= events.length)
        expectSame(await chatFirstResponse(fresh.warehouse, range), expected(seen));
    }
    // The draw must cover what the fold distinguishes: answered chats on both channels, and chats
    // whose first agent message came before the customer's first.
    const answered = expected(seen);
    expect(answered.get("webchat")?.count ?? 0).toBeGreaterThan(12);
    expect(answered.get("whatsapp")?.count ?? 0).toBeGreaterThan(5);
    const proactive = all.filter((c) => {
      const first = Math.min(...c.messages.filter((m) => m.senderRole === "customer").map((m) => m.at));
      return c.messages.some((m) => m.senderRole === "agent" && m.at < first);
    });
    expect(proactive.length).toBeGreaterThan(10);
  });

  it("an earlier customer message arriving last turns an earlier agent message into the reply", async () => {
    const fresh = await freshWarehouse();
    dispose = fresh.dispose;
    const t = Date.UTC(2026, 10, 29, 23, 59, 0);
    const m = (at: number, senderRole: Role): TimedMessage => ({ at, senderRole });
    // customer 23:59:00, agent +10 s, customer +20 s, agent +30 s (after midnight), bot +5 s
    const chat: Chat = {
      id: "late",
      channel: "webchat",
      messages: [m(t, "customer"), m(t + 10_000, "agent"), m(t + 20_000, "customer"), m(t + 90_000, "agent")],
    };
    chat.messages.push(m(t + 5_000, "bot"));
    const send = (...ns: number[]) =>
      insert(
        fresh.warehouse,
        ns.map((n) => line(chat, chat.messages[n] as TimedMessage, n)),
      );
    const report = async () => (await chatFirstResponse(fresh.warehouse, range)).get("webchat");
    await send(2, 3);
    expect(await report()).toEqual({ count: 1, seconds: 70 });
    await send(1, 4); // before the customer's first known message: not a reply yet
    expect(await report()).toEqual({ count: 1, seconds: 70 });
    await send(0);
    expect(await report()).toEqual({ count: 1, seconds: 10 });
    await send(0, 1, 2, 3, 4);
    expect(await report()).toEqual({ count: 1, seconds: 10 });
  });

  it("carries chats already in 0014's day rows over when 0018 is applied", async () => {
    const fresh = await freshWarehouse({ migrated: false });
    dispose = fresh.dispose;
    const migrations = listMigrations();
    await migrate(fresh.warehouse, { migrations: migrations.slice(0, 17) });
    const all = chats(random(11), 60);
    for (const chat of all) {
      // One row per chat and day of its messages, as 0014's views wrote them.
      for (const m of chat.messages) {
        const customer = m.senderRole === "customer";
        if (!customer && m.senderRole !== "agent") continue;
        const time = clickhouseTime(new Date(m.at).toISOString());
        await fresh.warehouse.command(
          `INSERT INTO chat_message_days (tenant, day, channel, contact_id, first_customer_message_at, agent_message_times)
           SELECT 't1', toDate(t), {channel:String}, {id:String}, if({customer:Bool}, toNullable(t), NULL), if({customer:Bool}, [], [t])
           FROM (SELECT toDateTime64({time:String}, 3, 'UTC') AS t)`,
          { channel: chat.channel, id: chat.id, customer, time },
        );
      }
    }
    await migrate(fresh.warehouse);
    const seen = new Map(all.map((chat) => [chat.id, { chat, messages: chat.messages }]));
    expectSame(await chatFirstResponse(fresh.warehouse, range), expected(seen));
  });
});
