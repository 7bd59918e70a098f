import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agentOnline, callQueued } from "./events";
import { collect, dataOf, eventually, type Stack, startStack } from "./harness";

// Subscriptions through a real graphql-ws client: auth in connection_init, snapshot first, deltas,
// roles, and one execution per tick shared by every subscriber of the same shape.

let stack: Stack;
const t0 = Date.now() - 60_000;

beforeAll(async () => {
  stack = await startStack({ tickMs: 50 });
  await stack.publish([
    ...agentOnline(t0, 0, "agent-1"),
    ...callQueued(t0, 5, "call-1", "+8613800138000", "billing"),
  ]);
  await eventually(async () =>
    (
      dataOf((await stack.gql("supervisor", "{ agents { totalCount } }")).body).agents as {
        totalCount: number;
      }
    ).totalCount === 1
      ? true
      : undefined,
  );
});
afterAll(async () => {
  await stack.close();
});

type Msg = {
  data?: Record<string, unknown> | null;
  errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
};
const waitFor = (messages: Msg[], n: number) =>
  eventually(() => (messages.length >= n ? messages : undefined));

describe("queueStats", () => {
  it("sends the current state first, then changes", async () => {
    const sub = collect(stack.ws("exec"), "subscription { queueStats { at queues { id waiting } } }");
    const [first] = await waitFor(sub.messages, 1);
    const billing = () =>
      (dataOf(sub.messages.at(-1)).queueStats as { queues: { id: string; waiting: number }[] }).queues.find(
        (q) => q.id === "billing",
      );
    expect(
      (dataOf(first).queueStats as { queues: { id: string; waiting: number }[] }).queues.find(
        (q) => q.id === "billing",
      )?.waiting,
    ).toBe(1);
    await stack.publish(callQueued(Date.now(), 0, "call-2", "+8613900139000", "billing"));
    await eventually(() => (billing()?.waiting === 2 ? true : undefined));
    sub.dispose();
  });
});

describe("agentStates", () => {
  it("a snapshot with every agent, then only the agent that changed, and removals", async () => {
    const sub = collect(
      stack.ws("supervisor"),
      "subscription { agentStates { snapshot agents { id status stateSince } removed at } }",
    );
    const [first] = await waitFor(sub.messages, 1);
    expect(dataOf(first).agentStates).toMatchObject({
      snapshot: true,
      agents: [{ id: "agent-1", status: "AVAILABLE" }],
      removed: [],
    });
    await stack.publish(agentOnline(Date.now(), 0, "agent-2", "billing", "user/1002"));
    const delta = await eventually(() =>
      sub.messages
        .slice(1)
        .find((m) =>
          ((dataOf(m).agentStates as { agents: { id: string }[] }).agents ?? []).some(
            (a) => a.id === "agent-2",
          ),
        ),
    );
    const update = dataOf(delta).agentStates as { snapshot: boolean; agents: { id: string }[] };
    expect(update.snapshot).toBe(false);
    // agent-2 took the waiting billing call or became available; agent-1 did not change: not sent.
    expect(update.agents.map((a) => a.id)).not.toContain("agent-1");
    await stack.publish([
      {
        id: `out-${Date.now()}`,
        type: "agent.signed-out",
        version: 1,
        time: new Date().toISOString(),
        tenant: "default",
        source: "test",
        agentId: "agent-1",
        data: { reason: "agent" },
      } as never,
    ]);
    await eventually(() =>
      sub.messages.some(
        (m) =>
          (
            (dataOf(m).agentStates as { removed: string[]; agents: { id: string; status: string }[] }) ?? {
              removed: [],
              agents: [],
            }
          ).removed.includes("agent-1") ||
          (dataOf(m).agentStates as { agents: { id: string; status: string }[] }).agents.some(
            (a) => a.id === "agent-1" && a.status === "OFFLINE",
          ),
      )
        ? true
        : undefined,
    );
    sub.dispose();
  });
});

describe("auth and roles", () => {
  it("a connection without a valid key is refused", async () => {
    const sub = collect(stack.ws("not-a-valid-key-000000"), "subscription { queueStats { at } }");
    await eventually(() => (sub.error() !== undefined ? true : undefined));
    expect(String((sub.error() as { code?: number; reason?: string }).code)).toBe("4403");
    expect(sub.messages).toEqual([]);
  });

  it("a role without rights gets FORBIDDEN and no data", async () => {
    const sub = collect(stack.ws("exec"), "subscription { liveContacts { snapshot contacts { id } } }");
    await eventually(() => (sub.error() !== undefined || sub.messages.length > 0 ? true : undefined));
    const errors = (sub.error() ?? sub.messages[0]?.errors) as readonly { extensions?: { code?: string } }[];
    expect(errors[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(sub.messages.every((m) => m.data === undefined || m.data === null)).toBe(true);
  });

  it("the floor sees callers' numbers whole in live contacts", async () => {
    const sub = collect(
      stack.ws("qa"),
      "subscription { liveContacts { snapshot contacts { id customerAddress } } }",
    );
    const [first] = await waitFor(sub.messages, 1);
    const contacts = (dataOf(first).liveContacts as { contacts: { id: string; customerAddress: string }[] })
      .contacts;
    expect(contacts.find((c) => c.id === "call-1")?.customerAddress).toBe("+8613800138000");
    sub.dispose();
  });
});

describe("fan-out", () => {
  it("runs one execution per tick for many subscribers of the same shape", async () => {
    const query = "subscription { queueStats { at queues { id waiting longestWaitSeconds } } }";
    const subs = Array.from({ length: 40 }, () => collect(stack.ws("bi"), query));
    await eventually(() => (subs.every((s) => s.messages.length >= 1) ? true : undefined));
    const before = { ...stack.api.fanOut.stats };
    await stack.publish(callQueued(Date.now(), 0, `call-fan-${Date.now()}`, "+8613700137000", "billing"));
    await eventually(() => (subs.every((s) => s.messages.length >= 2) ? true : undefined));
    const after = stack.api.fanOut.stats;
    const ticks = after.ticks - before.ticks;
    const executions = after.executions - before.executions;
    // 40 subscribers, one shape: executions follow ticks (plus other groups still open), not 40x ticks.
    expect(executions).toBeLessThanOrEqual(ticks * 3);
    expect(after.messages - before.messages).toBeGreaterThanOrEqual(40);
    // Every subscriber got the very same payload for the same tick.
    const last = subs.map((s) => JSON.stringify(s.messages[1]));
    expect(new Set(last).size).toBe(1);
    for (const s of subs) s.dispose();
  });
});

describe("alerts", () => {
  it("a long wait raises an alert while nothing else happens; acknowledging it is seen by every subscriber", async () => {
    const alerting = await startStack({ tickMs: 50, alertThresholds: { longWaitSeconds: 2 } });
    try {
      const sub = collect(
        alerting.ws("supervisor"),
        "subscription { alerts { asOf alerts { id kind severity subject acknowledged acknowledgedBy } } }",
      );
      await alerting.publish(callQueued(Date.now() - 500, 0, "call-stuck", "+8613800138000", "billing"));
      type Alerts = {
        alerts: { id: string; kind: string; acknowledged: boolean; acknowledgedBy: string | null }[];
      };
      const raised = await eventually(() => {
        const last = sub.messages.at(-1);
        const list = last === undefined ? [] : (dataOf(last).alerts as Alerts).alerts;
        return list.find((a) => a.kind === "LONG_WAIT");
      });
      const ack = await alerting.gql(
        "supervisor",
        `mutation { acknowledgeAlert(alertId: "${raised.id}") { operation status } }`,
      );
      expect(dataOf(ack.body).acknowledgeAlert).toEqual({
        operation: "ACKNOWLEDGE_ALERT",
        status: "SUCCEEDED",
      });
      const acknowledged = await eventually(() => {
        const last = sub.messages.at(-1);
        const list = last === undefined ? [] : (dataOf(last).alerts as Alerts).alerts;
        return list.find((a) => a.id === raised.id && a.acknowledged);
      });
      expect(acknowledged.acknowledgedBy).toMatch(/^key-/);
      const unknown = await alerting.gql(
        "supervisor",
        'mutation { acknowledgeAlert(alertId: "nope") { status error { code } } }',
      );
      expect(dataOf(unknown.body).acknowledgeAlert).toEqual({
        status: "FAILED",
        error: { code: "NOT_FOUND" },
      });
      sub.dispose();
    } finally {
      await alerting.close();
    }
  });
});
