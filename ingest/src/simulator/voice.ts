import type { EmittedEvent } from "../esl/emulator/fs-switch";
import { CallScenario } from "../esl/emulator/scenario";
import { desktopEvent } from "./desktop";
import type { ContactPlan } from "./plan";
import { conversation } from "./script";
import { iso, playTicket, survey, type World } from "./world";

// Voice through the emulated FreeSWITCH: the caller's channel, IVR and mod_callcenter queueing
// are played on the switch; the router's command.bridge-call (run by EslCommandExecutor) creates
// the agent leg and bridges it; this module sees that bridge on the switch and plays the agent.

interface WaitingCall {
  plan: ContactPlan;
  scenario: CallScenario;
  queuedAt: number;
}

const ccSubclass = "callcenter::info";

export class VoiceLine {
  private readonly waiting = new Map<string, WaitingCall>();
  private readonly unlisten: () => void;

  constructor(private readonly world: World) {
    this.unlisten = world.fs.onEvent((event) => this.onSwitchEvent(event));
  }

  close(): void {
    this.unlisten();
  }

  get waitingCalls(): number {
    return this.waiting.size;
  }

  /** A caller dials the queue's number, answers the IVR, then queues or is served by the IVR. */
  start(plan: ContactPlan): void {
    const { world } = this;
    world.counts.calls += 1;
    const queue = world.profile.queues.find((q) => q.id === plan.queueId);
    const scenario = new CallScenario(world.fs, {
      from: plan.customer.phone,
      to: queue?.did ?? "4008001000",
    });
    scenario.answer().ivr("main");
    world.clock.after(plan.ivrSeconds, () => {
      if (plan.ivrSelfService) {
        scenario.hangup();
        return;
      }
      scenario.enqueue(plan.queueId);
      const call = { plan, scenario, queuedAt: world.clock.now() };
      this.waiting.set(scenario.caller.uuid, call);
      world.clock.after(plan.patienceSeconds, () => {
        if (this.waiting.get(scenario.caller.uuid) !== call) return;
        this.waiting.delete(scenario.caller.uuid);
        scenario.abandon();
      });
    });
  }

  /** Called synchronously inside the switch: only note the bridge, play it from the agenda. */
  private onSwitchEvent(event: EmittedEvent): void {
    this.world.counts.switchEvents += 1;
    if (event.name !== "CHANNEL_BRIDGE") return;
    const a = header(event, "Bridge-A-Unique-ID");
    const b = header(event, "Bridge-B-Unique-ID");
    const call = a === undefined ? undefined : this.waiting.get(a);
    const leg = b === undefined ? undefined : this.world.fs.channel(b);
    if (a === undefined || call === undefined || leg === undefined) return;
    this.waiting.delete(a);
    const agent = this.world.profile.agents.find((x) => x.extension === leg.destination);
    if (agent === undefined) return;
    this.world.clock.after(0, () => this.agentAnswers(call, agent.id, b as string));
  }

  /**
   * The emulator's originate answers at once, so the ring is played as mod_callcenter reports it:
   * agent-offering when the agent's phone starts ringing, bridge-agent-start when they pick up.
   */
  private agentAnswers(call: WaitingCall, agentId: string, legUuid: string): void {
    const { world } = this;
    const { plan, scenario } = call;
    const calledAt = world.clock.now();
    const wait = Math.round((calledAt - call.queuedAt) / 1000);
    this.callcenter(call, "agent-offering", [
      ["CC-Agent", agentId],
      ["CC-Agent-Type", "callback"],
    ]);
    world.clock.after(plan.ringSeconds, () => {
      if (world.fs.channel(legUuid) === undefined) return;
      const epoch = (ms: number) => String(Math.floor(ms / 1000));
      this.callcenter(call, "bridge-agent-start", [
        ["CC-Agent", agentId],
        ["CC-Agent-UUID", legUuid],
        ["CC-Agent-Called-Time", epoch(calledAt)],
        ["CC-Agent-Answered-Time", epoch(world.clock.now())],
        ["CC-Member-Joined-Time", epoch(call.queuedAt)],
      ]);
      this.talk(plan, scenario, agentId, legUuid, wait + plan.ringSeconds);
    });
  }

  private talk(
    plan: ContactPlan,
    scenario: CallScenario,
    agentId: string,
    legUuid: string,
    waitSeconds: number,
  ): void {
    const { world } = this;
    const contactId = scenario.caller.uuid;
    const start = world.clock.now();
    conversation(world.rng, plan).forEach((line, i) => {
      world.clock.after(line.offsetSeconds + 2.5, () => {
        const startMs = Math.round(line.offsetSeconds * 1000);
        void world.outbox.add({
          id: `sim:${world.runId}:${contactId}:seg${i}`,
          type: "transcript.segment",
          version: 1,
          time: iso(world.clock.now()),
          tenant: world.profile.tenant,
          source: "asr",
          channel: "voice",
          contactId,
          data: {
            segmentId: `${contactId}-s${i}`,
            speaker: line.speaker,
            text: line.text,
            language: plan.language,
            startMs,
            endMs: startMs + 2_500,
            confidence: 0.92,
          },
        });
      });
    });
    const leg = () => world.fs.channel(legUuid);
    if (plan.holdSeconds > 0) {
      world.clock.at(start + plan.talkSeconds * 400, () => {
        const ch = leg();
        if (ch !== undefined) world.fs.hold(ch, true);
        world.clock.after(plan.holdSeconds, () => {
          const again = leg();
          if (again !== undefined) world.fs.hold(again, false);
        });
      });
    }
    world.clock.at(start + (plan.talkSeconds + plan.holdSeconds) * 1000, () => {
      const ch = leg();
      if (plan.agentHangsUp && ch !== undefined) world.fs.hangup(ch, "NORMAL_CLEARING", "recv_bye");
      else scenario.hangup();
      this.wrapUp(plan, contactId, agentId, waitSeconds);
    });
  }

  /** After the hangup the agent wraps up on the desktop, which closes the contact. */
  private wrapUp(plan: ContactPlan, contactId: string, agentId: string, waitSeconds: number): void {
    const { world } = this;
    const base = { channel: "voice" as const, contactId, agentId };
    void world.outbox.add(
      desktopEvent(world, {
        ...base,
        type: "contact.wrapup-started",
        data: { queueId: plan.queueId, limitSeconds: 120 },
      }),
    );
    world.clock.after(plan.wrapupSeconds, () => {
      const answer = survey(world, plan, "handled", waitSeconds);
      void world.outbox.add(
        desktopEvent(world, {
          ...base,
          type: "contact.wrapup-ended",
          data: {
            wrapupSeconds: plan.wrapupSeconds,
            endedBy: "agent",
            dispositionCode: plan.resolved ? "resolved" : "follow-up",
          },
        }),
        desktopEvent(world, {
          ...base,
          type: "contact.ended",
          data: {
            endedBy: plan.agentHangsUp ? "agent" : "customer",
            hangupCause: "NORMAL_CLEARING",
            outcome: "handled",
            resolved: plan.resolved,
            queueId: plan.queueId,
            waitSeconds,
            talkSeconds: plan.talkSeconds,
            holdSeconds: plan.holdSeconds,
            wrapupSeconds: plan.wrapupSeconds,
            categories: [plan.topic],
          },
        }),
      );
      if (answer !== undefined)
        world.clock.after(world.rng.int(20, 120), () => {
          void world.outbox.add({
            ...desktopEvent(world, {
              ...base,
              type: "csat.survey-answered",
              data: { surveyId: `ivr-${contactId}`, ...answer, language: plan.language },
            }),
            source: "ivr-survey",
          });
        });
      if (plan.opensTicket) playTicket(world, plan, agentId, contactId);
    });
  }

  private callcenter(call: WaitingCall, action: string, extra: [string, string][]): void {
    const caller = call.scenario.caller;
    this.world.fs.fire(
      "CUSTOM",
      [
        ["CC-Queue", call.plan.queueId],
        ["CC-Action", action],
        ...extra,
        ["CC-Agent-System", "single_box"],
        ["CC-Member-UUID", `member-${caller.uuid}`],
        ["CC-Member-Session-UUID", caller.uuid],
        ["CC-Member-CID-Name", caller.cidName],
        ["CC-Member-CID-Number", caller.cidNumber],
      ],
      { subclass: ccSubclass },
    );
  }
}

function header(event: EmittedEvent, name: string): string | undefined {
  return event.headers.find(([k]) => k === name)?.[1];
}
