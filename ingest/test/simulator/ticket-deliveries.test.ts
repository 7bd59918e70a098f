import { afterEach, describe, expect, it } from "vitest";
import { WebhookSender } from "../../src/simulator/outbox";
import { TicketDeliveries } from "../../src/simulator/ticket-deliveries";
import { createTicketGateway } from "../../src/tickets/index";
import { maxTicketBatch } from "../../src/tickets/map";
import { readEvents, tempLog } from "../esl/log-helpers";
import { secret } from "../http/helpers";

// The simulator's ticket events go through the real ticket gateway, several per signed delivery.

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup() {
  const { log, dispose } = await tempLog();
  const gateway = createTicketGateway({ log, secrets: [secret] });
  const url = `http://127.0.0.1:${await gateway.listen(0)}/tickets/events`;
  const sender = new WebhookSender(secret, "run");
  cleanups.push(
    dispose,
    () => gateway.close(),
    () => sender.close(),
  );
  let nowMs = 0;
  const deliveries = new TicketDeliveries(sender, url, 50, () => nowMs);
  return { log, gateway, sender, deliveries, advance: (ms: number) => (nowMs += ms) };
}

// One ticket: one log key and partition, so the log keeps their order.
const comment = (n: number) => ({
  type: "ticket.commented",
  at: new Date(Date.UTC(2026, 10, 30, 9, 0, n)).toISOString(),
  ticketNumber: "T-20261130-0001",
  commentId: `c-${n}`,
  visibility: "public",
  authorRole: "agent",
  authorId: "a1",
  text: `comment ${n}`,
});

describe("TicketDeliveries", () => {
  it("sends what was added before a flush as one delivery, in order, and resolves each once answered", async () => {
    const { log, gateway, sender, deliveries } = await setup();
    const answered: number[] = [];
    const added = [0, 1, 2].map((n) => deliveries.add(comment(n)).then(() => answered.push(n)));
    expect(deliveries.waiting).toBe(3);
    deliveries.flush(true);
    expect(deliveries.waiting).toBe(0);
    await Promise.all(added);
    expect(answered.sort()).toEqual([0, 1, 2]);
    expect(sender.lastError).toBeUndefined();
    expect(gateway.counters.accepted).toBe(1);
    expect(sender.accepted).toBe(3);
    expect((await readEvents(log)).map((e) => (e.data as { commentId: string }).commentId)).toEqual([
      "c-0",
      "c-1",
      "c-2",
    ]);
  });

  it("splits more than one delivery may carry into several", async () => {
    const { log, gateway, sender, deliveries } = await setup();
    await Promise.all([deliveries.add(comment(0)), deliveries.flush(true)]);
    const many = Array.from({ length: maxTicketBatch + 3 }, (_, i) => deliveries.add(comment(i + 1)));
    // A full delivery goes without waiting; the rest waits for its delay.
    deliveries.flush();
    expect(deliveries.waiting).toBe(3);
    deliveries.flush(true);
    await Promise.all(many);
    expect(gateway.counters.accepted).toBe(3);
    expect(sender).toMatchObject({ accepted: maxTicketBatch + 4, errors: 0 });
    expect(await readEvents(log)).toHaveLength(maxTicketBatch + 4);
  });

  it("holds events until the oldest waited its delay", async () => {
    const { gateway, deliveries, advance } = await setup();
    const first = deliveries.add(comment(0));
    advance(30);
    const second = deliveries.add(comment(1));
    deliveries.flush();
    expect(deliveries.waiting).toBe(2);
    advance(20);
    deliveries.flush();
    expect(deliveries.waiting).toBe(0);
    await Promise.all([first, second]);
    expect(gateway.counters.accepted).toBe(1);
  });
});
