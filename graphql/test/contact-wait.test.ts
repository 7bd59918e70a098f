import { randomUUID } from "node:crypto";
import type { StarboardEvent } from "@starboard/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callQueued } from "./events";
import { collect, dataOf, eventually, type Stack, startStack } from "./harness";

// contactWait: what an IVR or a chat widget tells one waiting customer, through a real graphql-ws
// client: the current place first, then a message only when that contact's place changes.

let stack: Stack;
const t0 = Date.now() - 30_000;

beforeAll(async () => {
  stack = await startStack({ tickMs: 50 });
  // Nobody is signed in for billing: three calls queue up behind each other.
  await stack.publish([
    ...callQueued(t0, 0, "wait-1", "+8613800138001", "billing"),
    ...callQueued(t0, 1, "wait-2", "+8613800138002", "billing"),
    ...callQueued(t0, 2, "wait-3", "+8613800138003", "billing"),
  ]);
  await eventually(async () => {
    const body = (await stack.gql("supervisor", "{ liveContacts { nodes { id } } }")).body;
    const nodes = (dataOf(body).liveContacts as { nodes: unknown[] }).nodes;
    return nodes.length >= 3 ? true : undefined;
  });
});
afterAll(async () => {
  await stack.close();
});

function abandoned(contactId: string, position: number): StarboardEvent {
  return {
    id: randomUUID(),
    version: 1,
    time: new Date().toISOString(),
    tenant: "default",
    source: "test",
    type: "contact.abandoned",
    channel: "voice",
    contactId,
    data: { queueId: "billing", waitSeconds: 30, position },
  } as StarboardEvent;
}

type Wait = { contactId: string; waiting: boolean; queueId: string | null; position: number | null };
const query = (id: string) =>
  `subscription { contactWait(contactId: "${id}") { contactId waiting queueId position estimatedWaitSeconds at asOf } }`;

describe("contactWait", () => {
  it("sends the place first, then each change of that contact only, then waiting false", async () => {
    const sub = collect(stack.ws("bi"), query("wait-3"));
    const waits = () => sub.messages.map((m) => dataOf(m).contactWait as Wait);
    await eventually(() => (waits().length >= 1 ? true : undefined));
    expect(waits()[0]).toMatchObject({ contactId: "wait-3", waiting: true, queueId: "billing", position: 3 });

    // Another queue's traffic changes the shared picture, not wait-3's place: no message for it.
    await stack.publish(callQueued(Date.now(), 0, "other-1", "+8613800138009", "support"));
    await eventually(async () => {
      const body = (await stack.gql("supervisor", "{ liveContacts { nodes { id } } }")).body;
      return (dataOf(body).liveContacts as { nodes: { id: string }[] }).nodes.some((n) => n.id === "other-1")
        ? true
        : undefined;
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(waits()).toHaveLength(1);

    await stack.publish([abandoned("wait-1", 1)]);
    await eventually(() => (waits().at(-1)?.position === 2 ? true : undefined));
    await stack.publish([abandoned("wait-3", 2)]);
    await eventually(() => (waits().at(-1)?.waiting === false ? true : undefined));
    expect(waits().map((w) => w.position)).toEqual([3, 2, null]);
    expect(waits().at(-1)).toMatchObject({ waiting: false, queueId: null });
    sub.dispose();
  });

  it("answers waiting false for a contact that is not queued", async () => {
    const sub = collect(stack.ws("exec"), query("nobody-here"));
    await eventually(() => (sub.messages.length >= 1 ? true : undefined));
    expect(dataOf(sub.messages[0]).contactWait).toMatchObject({ contactId: "nobody-here", waiting: false });
    sub.dispose();
  });
});
