import { afterAll, beforeAll, expect, it } from "vitest";
import { agentOnline, callQueued } from "./events";
import { eventually, type Stack, startStack } from "./harness";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack.close();
});

it("serves the live queues over HTTP", async () => {
  const t0 = Date.now() - 60_000;
  await stack.publish([...callQueued(t0, 0, "c-1", "+8613800138000"), ...callQueued(t0, 1, "c-2", "+8613900139000")]);
  const res = await eventually(async () => {
    const r = await stack.gql("supervisor", "{ queues { id waiting counts { offered } } }");
    const support = (r.body.data?.queues as { id: string; waiting: number }[] | undefined)?.find((q) => q.id === "support");
    return support?.waiting === 2 ? r : undefined;
  });
  expect(res.status).toBe(200);
  void agentOnline;
});
