import type { FsChannel } from "./channel";
import type { FsSwitch } from "./fs-switch";

const ccSubclass = "callcenter::info";

/**
 * One caller's story, played step by step on the emulated switch (tests and the simulator drive
 * it; `fs.advance(seconds)` moves time between steps). mod_callcenter events use the header names
 * of mod_callcenter.c; `*-Time` values are epoch seconds there.
 */
export class CallScenario {
  readonly caller: FsChannel;
  agentLeg: FsChannel | undefined;
  private queue: string | undefined;
  private joinedSeconds = 0;
  private agentCalledSeconds = 0;

  constructor(
    private readonly fs: FsSwitch,
    init: { from: string; to: string },
  ) {
    this.caller = fs.createChannel({ direction: "inbound", cidNumber: init.from, destination: init.to });
  }

  private get epoch(): number {
    return Math.floor(this.fs.now() / 1e6);
  }

  answer(): this {
    this.fs.answer(this.caller);
    return this;
  }

  ivr(menu: string): this {
    this.fs.execute(this.caller, "ivr", menu);
    return this;
  }

  private callcenter(action: string, extra: [string, string][], withMember = true): void {
    const headers: [string, string][] = [
      ["CC-Queue", this.queue ?? ""],
      ["CC-Action", action],
      ...extra,
      ["CC-Member-UUID", `member-${this.caller.uuid}`],
      ["CC-Member-Session-UUID", this.caller.uuid],
      ["CC-Member-CID-Name", this.caller.cidName],
      ["CC-Member-CID-Number", this.caller.cidNumber],
    ];
    if (withMember) this.fs.fireChannel("CUSTOM", this.caller, headers, ccSubclass);
    else this.fs.fire("CUSTOM", headers, { subclass: ccSubclass });
  }

  enqueue(queue: string): this {
    this.queue = queue;
    this.joinedSeconds = this.epoch;
    this.fs.execute(this.caller, "callcenter", queue);
    this.callcenter("member-queue-start", []);
    return this;
  }

  /** mod_callcenter rings an agent: agent-offering (no channel data), then the agent's leg. */
  offer(agent: string, extension: string): this {
    this.agentCalledSeconds = this.epoch;
    this.callcenter(
      "agent-offering",
      [
        ["CC-Agent", agent],
        ["CC-Agent-Type", "callback"],
        ["CC-Agent-System", "single_box"],
      ],
      false,
    );
    this.agentLeg = this.fs.originateLeg(this.caller, extension, {
      cc_agent: agent,
      cc_queue: this.queue ?? "",
    });
    return this;
  }

  /** The agent answers: bridge, then bridge-agent-start carrying the agent leg's channel data. */
  agentAnswers(agent: string): this {
    const leg = this.agentLeg;
    if (leg === undefined) throw new Error("offer() before agentAnswers()");
    this.fs.answer(leg);
    this.fs.bridge(this.caller, leg);
    const headers: [string, string][] = [
      ["CC-Queue", this.queue ?? ""],
      ["CC-Action", "bridge-agent-start"],
      ["CC-Agent", agent],
      ["CC-Agent-System", "single_box"],
      ["CC-Agent-UUID", leg.uuid],
      ["CC-Agent-Called-Time", String(this.agentCalledSeconds)],
      ["CC-Agent-Answered-Time", String(this.epoch)],
      ["CC-Member-Joined-Time", String(this.joinedSeconds)],
      ["CC-Member-UUID", `member-${this.caller.uuid}`],
      ["CC-Member-Session-UUID", this.caller.uuid],
      ["CC-Member-CID-Name", this.caller.cidName],
      ["CC-Member-CID-Number", this.caller.cidNumber],
    ];
    this.fs.fireChannel("CUSTOM", leg, headers, ccSubclass);
    return this;
  }

  /** A direct call to an extension (no queue): the extension's leg is created, answers, bridges. */
  bridgeTo(extension: string): this {
    this.agentLeg = this.fs.originateLeg(this.caller, extension);
    this.fs.answer(this.agentLeg);
    this.fs.bridge(this.caller, this.agentLeg);
    return this;
  }

  /** The agent presses hold: the re-INVITE arrives on the agent's leg. */
  hold(): this {
    this.fs.hold(this.agentLeg ?? this.caller, true);
    return this;
  }

  unhold(): this {
    this.fs.hold(this.agentLeg ?? this.caller, false);
    return this;
  }

  /** The caller hangs up (recv_bye on the caller's leg); a bridged agent leg follows. */
  hangup(cause = "NORMAL_CLEARING"): this {
    this.fs.hangup(this.caller, cause, "recv_bye");
    return this;
  }

  /** The caller gives up while queued: member-queue-end CC-Cause Cancel, then the hangup. */
  abandon(): this {
    this.callcenter("member-queue-end", [
      ["CC-Member-Leaving-Time", String(this.epoch)],
      ["CC-Member-Joined-Time", String(this.joinedSeconds)],
      ["CC-Cause", "Cancel"],
      ["CC-Cancel-Reason", "NONE"],
    ]);
    this.fs.hangup(this.caller, "ORIGINATOR_CANCEL", "recv_cancel");
    return this;
  }
}
