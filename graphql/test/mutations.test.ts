import { CallScenario, EslAdapter, EslCommandExecutor, EslEmulator } from "@starboard/ingest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agentOnline } from "./events";
import { dataOf, eventually, keys, routing, type Stack, startStack } from "./harness";

// Supervisor actions end to end: GraphQL mutation -> commands topic -> ESL executor -> modesl over
// TCP -> the FreeSWITCH emulator, whose events come back through the ESL adapter; the result and the
// audit trail are read back through the API and the warehouse.

let stack: Stack;
let emulator: EslEmulator;
let adapter: EslAdapter;
let executor: EslCommandExecutor;

const queue = "support@default";
const agent = "1001@default";

beforeAll(async () => {
  stack = await startStack({
    routing: {
      ...routing,
      queues: [...routing.queues, { id: queue, defaultSkills: [{ skill: "support", minLevel: 1 }] }],
    },
  });
  emulator = new EslEmulator({ password: "ClueCon", startMicros: Date.now() * 1000 });
  const port = await emulator.listen(0);
  adapter = new EslAdapter({
    host: "127.0.0.1",
    port,
    password: "ClueCon",
    log: stack.log,
    mapper: { source: "esl:test" },
  });
  executor = new EslCommandExecutor({ log: stack.log, fs: adapter, source: "esl:test" });
  await adapter.start();
  await executor.start();
  await stack.publish([
    ...agentOnline(Date.now() - 5_000, 0, agent, "support", "user/1001"),
    ...agentOnline(Date.now() - 5_000, 0, "1002@default", "billing", "user/1002"),
  ]);
});
afterAll(async () => {
  await executor.stop();
  await adapter.stop();
  await emulator.close();
  await stack.close();
});

/** A customer talking to agent 1001, placed by mod_callcenter, known live to the API. */
async function liveCall(from: string): Promise<{ callId: string; agentLeg: string }> {
  emulator.fs.advance(1);
  const call = new CallScenario(emulator.fs, { from, to: "4001" })
    .answer()
    .enqueue(queue)
    .offer(agent, "1001")
    .agentAnswers(agent);
  const callId = call.caller.uuid;
  await eventually(async () => {
    const r = await stack.gql("qa", "{ liveContacts { nodes { id phase agentId } } }");
    const nodes =
      (dataOf(r.body).liveContacts as { nodes: { id: string; phase: string }[] } | undefined)?.nodes ?? [];
    return nodes.some((n) => n.id === callId && n.phase === "CONNECTED") ? true : undefined;
  });
  return { callId, agentLeg: call.agentLeg?.uuid ?? "" };
}

type Result = {
  operation: string;
  status: string;
  commandId: string | null;
  error: { code: string; message: string } | null;
  monitor: { monitorId: string; mode: string; callId: string } | null;
};
const fields = "operation status commandId error { code message } monitor { monitorId mode callId }";

async function mutate(role: string, call: string): Promise<Result> {
  const r = await stack.gql(role, `mutation { result: ${call} { ${fields} } }`);
  expect(r.body.errors).toBeUndefined();
  return dataOf(r.body).result as Result;
}

const originates = () => emulator.received.filter((l) => l.startsWith("bgapi originate"));

describe("monitoring a call", () => {
  it("barge, switch to listen, see who monitors, stop", async () => {
    const { callId, agentLeg } = await liveCall("+8613800138000");
    const before = originates().length;
    const barge = await mutate(
      "qa",
      `monitorCall(callId: "${callId}", mode: BARGE, supervisorEndpoint: "user/2001", notifyAgent: true)`,
    );
    expect(barge).toMatchObject({
      operation: "MONITOR_CALL",
      status: "SUCCEEDED",
      error: null,
      monitor: { mode: "BARGE", callId },
    });
    expect(originates().slice(before)).toEqual([
      `bgapi originate {starboard_role=supervisor,starboard_contact=${callId},starboard_monitor=${barge.monitor?.monitorId}}user/2001 &three_way(${agentLeg})`,
    ]);
    const monitorId = barge.monitor?.monitorId ?? "";
    const seen = await eventually(async () => {
      const r = await stack.gql(
        "supervisor",
        '{ monitors { monitorId callId agentId mode supervisor notifyAgent } agent(id: "1001@default") { monitored } }',
      );
      const list = dataOf(r.body).monitors as { monitorId: string }[];
      return list.length === 1 ? r.body.data : undefined;
    });
    expect(seen).toMatchObject({
      monitors: [{ monitorId, callId, agentId: agent, mode: "BARGE", notifyAgent: true }],
      agent: { monitored: true },
    });

    const listen = await mutate("supervisor", `changeMonitorMode(monitorId: "${monitorId}", mode: LISTEN)`);
    expect(listen).toMatchObject({
      operation: "CHANGE_MONITOR_MODE",
      status: "SUCCEEDED",
      monitor: { mode: "LISTEN" },
    });
    await eventually(async () => {
      const r = await stack.gql("qa", `{ liveContacts { nodes { id monitors { mode } } } }`);
      const node = (
        dataOf(r.body).liveContacts as { nodes: { id: string; monitors: { mode: string }[] }[] }
      ).nodes.find((n) => n.id === callId);
      return node?.monitors[0]?.mode === "LISTEN" ? true : undefined;
    });

    const stop = await mutate("qa", `stopMonitor(monitorId: "${monitorId}")`);
    expect(stop).toMatchObject({ operation: "STOP_MONITOR", status: "SUCCEEDED" });
    await eventually(async () => {
      const r = await stack.gql("qa", "{ monitors { monitorId } }");
      return (dataOf(r.body).monitors as unknown[]).length === 0 ? true : undefined;
    });
  });

  it("whisper reaches the switch as an eavesdrop that speaks to the agent only", async () => {
    const { callId, agentLeg } = await liveCall("+8613900139000");
    const before = originates().length;
    const whisper = await mutate(
      "supervisor",
      `monitorCall(callId: "${callId}", mode: WHISPER, supervisorEndpoint: "user/2002")`,
    );
    expect(whisper.status).toBe("SUCCEEDED");
    expect(originates().slice(before)[0]).toContain(
      `eavesdrop_whisper_bleg=true}user/2002 &eavesdrop(${agentLeg})`,
    );
  });

  it("a call that is not live fails with NOT_FOUND and sends nothing", async () => {
    const before = emulator.received.length;
    const r = await mutate(
      "qa",
      'monitorCall(callId: "no-such-call", mode: LISTEN, supervisorEndpoint: "user/2001")',
    );
    expect(r).toMatchObject({ status: "FAILED", commandId: null, error: { code: "NOT_FOUND" } });
    expect(emulator.received.length).toBe(before);
  });

  it("a switch refusal comes back as FAILED with FreeSWITCH's reply, and is audited as failed", async () => {
    const { callId } = await liveCall("+8613700137000");
    const r = await mutate(
      "qa",
      `monitorCall(callId: "${callId}", mode: LISTEN, supervisorEndpoint: "error/subscriber_absent")`,
    );
    expect(r).toMatchObject({
      status: "FAILED",
      error: { code: "SWITCH_REFUSED", message: "-ERR SUBSCRIBER_ABSENT" },
    });
    expect(r.commandId).toMatch(/^gql-/);
    const failed = await eventually(async () => {
      const rows = await stack.warehouse.query<{ reason: string }>(
        `SELECT reason FROM supervisor_actions WHERE outcome = 'failed' AND command_id = {id:String}`,
        { id: r.commandId },
      );
      return rows.length === 1 ? rows[0] : undefined;
    });
    expect(failed?.reason).toBe("-ERR SUBSCRIBER_ABSENT");
  });
});

describe("taking over and hanging up", () => {
  it("force hang-up kills the caller's channel with MANAGER_REQUEST", async () => {
    const { callId } = await liveCall("+8613600136000");
    const r = await mutate("supervisor", `forceHangup(callId: "${callId}", reason: "abusive caller")`);
    expect(r).toMatchObject({ operation: "FORCE_HANGUP", status: "SUCCEEDED" });
    expect(emulator.received).toContain(`api uuid_kill ${callId} MANAGER_REQUEST`);
    expect(emulator.fs.channel(callId)).toBeUndefined();
  });

  it("take-over answers SUCCEEDED and the supervisor's leg is on the call", async () => {
    const { callId } = await liveCall("+8613500135000");
    const r = await mutate("admin", `takeOverCall(callId: "${callId}", supervisorEndpoint: "user/2003")`);
    expect(r).toMatchObject({ operation: "TAKE_OVER_CALL", status: "SUCCEEDED" });
    expect(emulator.received.some((l) => l.includes("user/2003"))).toBe(true);
  });
});

describe("forcing agent states", () => {
  it("not ready with a reason, recorded as forced by the supervisor's key id", async () => {
    const r = await mutate(
      "supervisor",
      'setAgentState(agentId: "1002@default", state: NOT_READY, reasonCode: "training")',
    );
    expect(r).toMatchObject({ operation: "SET_AGENT_STATE", status: "SUCCEEDED" });
    const seen = await eventually(async () => {
      const a = (await stack.gql("supervisor", '{ agent(id: "1002@default") { status reasonCode } }')).body
        .data?.agent as { status: string; reasonCode: string } | null;
      return a?.status === "AWAY" ? a : undefined;
    });
    expect(seen.reasonCode).toBe("training");
    const rows = await eventually(async () => {
      const found = await stack.warehouse.query<{ data: string }>(
        "SELECT data FROM raw_events WHERE type = 'agent.not-ready' AND agent_id = '1002@default'",
        {},
      );
      return found.length > 0 ? found : undefined;
    });
    expect(JSON.parse(rows[0]?.data ?? "{}")).toMatchObject({
      reasonCode: "training",
      forcedBy: expect.stringMatching(/^key-/),
    });
  });

  it.each([
    ["state: NOT_READY", "BAD_USER_INPUT"],
    ['state: NOT_READY, reasonCode: "a-reason-code-that-is-far-too-long-to-keep"', "BAD_USER_INPUT"],
  ])("%s is refused with %s", async (args, code) => {
    const r = await mutate("supervisor", `setAgentState(agentId: "1002@default", ${args})`);
    expect(r).toMatchObject({ status: "FAILED", error: { code } });
  });

  it("ready again, then signed out", async () => {
    expect((await mutate("admin", 'setAgentState(agentId: "1002@default", state: READY)')).status).toBe(
      "SUCCEEDED",
    );
    await eventually(async () => {
      const a = (await stack.gql("supervisor", '{ agent(id: "1002@default") { status } }')).body.data
        ?.agent as { status: string } | null;
      return a?.status === "AVAILABLE" ? true : undefined;
    });
    expect((await mutate("admin", 'setAgentState(agentId: "1002@default", state: SIGNED_OUT)')).status).toBe(
      "SUCCEEDED",
    );
    await eventually(async () => {
      const a = (await stack.gql("supervisor", '{ agent(id: "1002@default") { status } }')).body.data
        ?.agent as { status: string } | null;
      return a === null || a.status === "OFFLINE" ? true : undefined;
    });
  });
});

describe("the audit trail", () => {
  it("holds every accepted action with who, when, which call and mode, readable through auditLog", async () => {
    await stack.flushed();
    const page = await eventually(async () => {
      const r = await stack.gql(
        "admin",
        '{ auditLog(from: "2026-06-01T00:00:00Z", to: "2027-06-01T00:00:00Z", first: 50) { totalCount nodes { at action actor role callId mode outcome commandId } } }',
      );
      const log = dataOf(r.body).auditLog as {
        totalCount: number;
        nodes: {
          action: string;
          mode: string | null;
          outcome: string;
          callId: string | null;
          actor: string;
          role: string;
          commandId: string | null;
        }[];
      };
      return log.nodes.some((n) => n.action === "TAKE_OVER_CALL") &&
        log.nodes.some((n) => n.action === "SET_AGENT_STATE")
        ? log
        : undefined;
    });
    const barge = page.nodes.find((n) => n.action === "MONITOR_CALL" && n.mode === "BARGE");
    expect(barge).toMatchObject({ outcome: "accepted", role: "QA", actor: expect.stringMatching(/^key-/) });
    expect(barge?.callId).toBeTruthy();
    expect(barge?.commandId).toMatch(/^gql-/);
    expect(page.nodes.filter((n) => n.action === "MONITOR_CALL").length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(page)).not.toContain(keys.qa);
  });
});
