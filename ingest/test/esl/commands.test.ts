import { randomUUID } from "node:crypto";
import { type CommandEvent, publishEvents, type RouterCommandResultData, Topics } from "@starboard/core";
import { afterEach, describe, expect, it } from "vitest";
import { EslAdapter } from "../../src/esl/adapter";
import { EslCommandExecutor } from "../../src/esl/commands/executor";
import { CallScenario, EslEmulator } from "../../src/esl/emulator/index";
import { readEvents, tempLog, waitFor } from "./log-helpers";

// The commands topic end to end: command events on the log -> the executor -> modesl -> the
// emulated FreeSWITCH (which answers as mod_commands / mod_dptools do) -> router.command-result.

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(options: { maxAgeMs?: number } = {}) {
  const emulator = new EslEmulator({ password: "ClueCon" });
  const port = await emulator.listen(0);
  const { log, dispose } = await tempLog();
  const adapter = new EslAdapter({
    host: "127.0.0.1",
    port,
    password: "ClueCon",
    log,
    mapper: { source: "esl:test" },
  });
  const executor = new EslCommandExecutor({ log, fs: adapter, source: "esl:test", ...options });
  cleanups.push(
    dispose,
    () => emulator.close(),
    () => adapter.stop(),
    () => executor.stop(),
  );
  await adapter.start();
  await executor.start();
  const fs = emulator.fs;
  const done = () => executor.counters.succeeded + executor.counters.failed;
  /** Publishes commands and waits until each has its result; returns the results in order. */
  const send = async (...commands: CommandEvent[]): Promise<RouterCommandResultData[]> => {
    const before = done();
    await publishEvents(log, commands);
    await waitFor(() => done() >= before + commands.length);
    await adapter.idle();
    const results = (await readEvents(log)).filter((e) => e.type === "router.command-result");
    return commands.map((c) => {
      const r = results.find((e) => e.data.commandId === c.data.commandId);
      if (r === undefined) throw new Error(`no result for ${c.data.commandId}`);
      return r.data;
    });
  };
  /** A customer talking to agent 1001, as the router would have left it. */
  const talking = () => {
    const call = new CallScenario(fs, { from: "+8613800138000", to: "4001" }).answer().bridgeTo("1001");
    return { call, customer: call.caller.uuid, agentLeg: call.agentLeg?.uuid ?? "" };
  };
  return { emulator, fs, log, adapter, executor, send, talking };
}

type Data<T extends CommandEvent["type"]> = Omit<
  Extract<CommandEvent, { type: T }>["data"],
  "commandId" | "requestedBy"
>;

function command<T extends CommandEvent["type"]>(
  type: T,
  contactId: string,
  data: Data<T>,
  agentId?: string,
): CommandEvent {
  return {
    id: randomUUID(),
    type,
    version: 1,
    time: new Date().toISOString(),
    tenant: "default",
    source: "graphql",
    channel: "voice",
    contactId,
    ...(agentId === undefined ? {} : { agentId }),
    data: { commandId: randomUUID(), requestedBy: "sup-1", ...data },
  } as CommandEvent;
}

const originates = (e: EslEmulator) => e.received.filter((l) => l.startsWith("bgapi originate"));
const supervisorLeg = (e: EslEmulator) =>
  e.fs.liveChannels().find((c) => c.variables.get("starboard_role") === "supervisor");

describe("ESL command execution against the emulator", () => {
  it.each([
    [
      "listen",
      "{starboard_role=supervisor,starboard_contact=%C,starboard_monitor=m1,eavesdrop_enable_dtmf=true}user/2001 &eavesdrop(%A)",
    ],
    [
      "whisper",
      "{starboard_role=supervisor,starboard_contact=%C,starboard_monitor=m1,eavesdrop_enable_dtmf=true,eavesdrop_whisper_bleg=true}user/2001 &eavesdrop(%A)",
    ],
    [
      "barge",
      "{starboard_role=supervisor,starboard_contact=%C,starboard_monitor=m1}user/2001 &three_way(%A)",
    ],
  ] as const)(
    "monitor-call %s originates the supervisor onto the agent's leg and reports ok",
    async (mode, expected) => {
      const { emulator, send, talking } = await setup();
      const { customer, agentLeg } = talking();
      const [result] = await send(
        command("command.monitor-call", customer, { monitorId: "m1", mode, supervisorEndpoint: "user/2001" }),
      );
      expect(result).toMatchObject({ ok: true, commandType: "command.monitor-call" });
      expect(originates(emulator)).toEqual([
        `bgapi originate ${expected.replace("%C", customer).replace("%A", agentLeg)}`,
      ]);
      expect(supervisorLeg(emulator)?.application).toBe(mode === "barge" ? "three_way" : "eavesdrop");
    },
  );

  it("one session switches listen -> whisper -> barge -> listen by DTMF, then stops", async () => {
    const { emulator, send, talking, executor } = await setup();
    const { customer } = talking();
    const monitor = { monitorId: "m2" };
    await send(
      command("command.monitor-call", customer, {
        ...monitor,
        mode: "listen",
        supervisorEndpoint: "user/2001",
      }),
    );
    const sup = supervisorLeg(emulator)?.uuid;
    const results = await send(
      command("command.change-monitor-mode", customer, { ...monitor, mode: "whisper" }),
      command("command.change-monitor-mode", customer, { ...monitor, mode: "barge" }),
      command("command.change-monitor-mode", customer, { ...monitor, mode: "listen" }),
      command("command.stop-monitor", customer, monitor),
    );
    expect(results.map((r) => r.ok)).toEqual([true, true, true, true]);
    expect(emulator.received.filter((l) => /^api uuid_(recv_dtmf|kill)/.test(l))).toEqual([
      `api uuid_recv_dtmf ${sup} 2`,
      `api uuid_recv_dtmf ${sup} 3`,
      `api uuid_recv_dtmf ${sup} 0`,
      `api uuid_kill ${sup} NORMAL_CLEARING`,
    ]);
    expect(supervisorLeg(emulator)).toBeUndefined();
    expect(executor.monitors.size).toBe(0);
  });

  it("a barge (three_way, no DTMF) changes mode by ringing the supervisor again in eavesdrop", async () => {
    const { emulator, send, talking } = await setup();
    const { customer, agentLeg } = talking();
    await send(
      command("command.monitor-call", customer, {
        monitorId: "m3",
        mode: "barge",
        supervisorEndpoint: "user/2001",
      }),
    );
    const first = supervisorLeg(emulator)?.uuid;
    const [changed] = await send(
      command("command.change-monitor-mode", customer, { monitorId: "m3", mode: "whisper" }),
    );
    expect(changed?.ok).toBe(true);
    expect(emulator.received).toContain(`api uuid_kill ${first} NORMAL_CLEARING`);
    expect(originates(emulator).at(-1)).toContain(
      `eavesdrop_whisper_bleg=true}user/2001 &eavesdrop(${agentLeg})`,
    );
  });

  it("take-over: the supervisor keeps the customer, the agent leg is released (PICKED_OFF)", async () => {
    const { emulator, fs, send, talking } = await setup();
    const { call, customer, agentLeg } = talking();
    const [result] = await send(
      command("command.take-over-call", customer, { supervisorEndpoint: "user/2001" }, "1001"),
    );
    expect(result?.ok).toBe(true);
    expect(originates(emulator)).toEqual([
      `bgapi originate {starboard_role=supervisor,starboard_contact=${customer}}user/2001 &intercept(${customer})`,
    ]);
    expect(fs.channel(agentLeg)).toBeUndefined();
    expect(call.agentLeg?.hangupCause).toBe("PICKED_OFF");
    expect(fs.channel(customer)?.other?.uuid).toBe(supervisorLeg(emulator)?.uuid);
  });

  it("force-hangup kills the customer's channel with the cause; the log shows the supervisor ended it", async () => {
    const { log, send, talking } = await setup();
    const { customer } = talking();
    const [result] = await send(
      command("command.force-hangup", customer, { hangupCause: "MANAGER_REQUEST" }),
    );
    expect(result?.ok).toBe(true);
    const events = await readEvents(log);
    expect(events.find((e) => e.type === "contact.disconnected")?.data).toEqual({
      endedBy: "supervisor",
      hangupCause: "MANAGER_REQUEST",
      talkSeconds: 0,
      holdSeconds: 0,
      ringSeconds: 0,
    });
  });

  it("bridge-call rings the agent (park) and uuid_bridges them to the caller: connected on the log", async () => {
    const { emulator, log, send, fs } = await setup();
    const call = new CallScenario(fs, { from: "+8613800138000", to: "4001" }).answer();
    const customer = call.caller.uuid;
    const [result] = await send(
      command(
        "command.bridge-call",
        customer,
        { agentEndpoint: "user/1001", ringTimeoutSeconds: 20 },
        "1001",
      ),
    );
    expect(result?.ok).toBe(true);
    expect(originates(emulator)).toEqual([
      `bgapi originate {starboard_role=agent,starboard_contact=${customer},originate_timeout=20}user/1001 &park()`,
    ]);
    const leg = fs.channel(customer)?.other?.uuid;
    expect(emulator.received).toContain(`api uuid_bridge ${customer} ${leg}`);
    const events = await readEvents(log);
    expect(events.filter((e) => e.contactId === customer).map((e) => `${e.type}/${e.agentId ?? ""}`)).toEqual(
      ["contact.created/", "contact.connected/1001", "router.command-result/1001"],
    );
  });

  it("pickup-call: the agent's leg intercepts a queued caller", async () => {
    const { emulator, send, fs } = await setup();
    const call = new CallScenario(fs, { from: "+8613800138000", to: "4001" })
      .answer()
      .enqueue("support@default");
    const [result] = await send(
      command("command.pickup-call", call.caller.uuid, { agentEndpoint: "user/1002" }, "1002"),
    );
    expect(result?.ok).toBe(true);
    expect(originates(emulator).at(-1)).toMatch(/user\/1002 &intercept\(/);
    expect(fs.channel(fs.channel(call.caller.uuid)?.other?.uuid ?? "")?.destination).toBe("1002");
  });

  it.each([
    [
      "force-hangup",
      () => command("command.force-hangup", "no-such-uuid", { hangupCause: "MANAGER_REQUEST" }),
      "-ERR No such channel!",
    ],
    [
      "monitor-call",
      () =>
        command("command.monitor-call", "no-such-uuid", {
          monitorId: "m9",
          mode: "listen",
          supervisorEndpoint: "user/2001",
        }),
      "-ERR No such channel!",
    ],
    [
      "take-over-call",
      () => command("command.take-over-call", "no-such-uuid", { supervisorEndpoint: "user/2001" }),
      "-ERR NO_SUCH_CHANNEL",
    ],
    [
      "stop-monitor",
      () => command("command.stop-monitor", "no-such-uuid", { monitorId: "never-started" }),
      "-ERR no monitor never-started",
    ],
  ])("%s for an unknown uuid: ok false with FreeSWITCH's error", async (_name, make, error) => {
    const { send } = await setup();
    const [result] = await send(make());
    expect(result).toMatchObject({ ok: false, error });
  });

  it("a stale command is refused, not run", async () => {
    const { emulator, send, talking } = await setup({ maxAgeMs: 1_000 });
    const { customer } = talking();
    const stale = {
      ...command("command.force-hangup", customer, { hangupCause: "MANAGER_REQUEST" }),
      time: new Date(Date.now() - 5_000).toISOString(),
    } as CommandEvent;
    const [result] = await send(stale);
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/^-ERR command expired/) });
    expect(emulator.received.some((l) => l.includes("uuid_kill"))).toBe(false);
  });

  it("garbage on the commands topic is dead-lettered; chat commands are left to the chat gateway", async () => {
    const { log, executor, send, talking } = await setup();
    const { customer } = talking();
    await log.publish(Topics.commands, [{ key: "x", value: "{not json" }]);
    await publishEvents(log, [command("command.assign-chat", customer, {}, "1001")]);
    await send(command("command.force-hangup", customer, { hangupCause: "MANAGER_REQUEST" }));
    expect(executor.counters).toMatchObject({ deadLettered: 1, skipped: 1, succeeded: 1 });
    const end = await log.endOffsets(Topics.deadLetter);
    expect([...end.values()].reduce((a, b) => a + b, 0)).toBe(1);
  });

  it("a redelivered command (same commandId) runs once", async () => {
    const { emulator, log, send, talking, executor } = await setup();
    const { customer } = talking();
    const once = command("command.monitor-call", customer, {
      monitorId: "m5",
      mode: "listen",
      supervisorEndpoint: "user/2001",
    });
    await send(once);
    await publishEvents(log, [{ ...once, id: randomUUID() } as CommandEvent]);
    await waitFor(() => executor.counters.duplicates === 1);
    expect(originates(emulator)).toHaveLength(1);
  });
});
