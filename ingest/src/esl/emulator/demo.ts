import type { FsSwitch } from "./fs-switch";
import { CallScenario } from "./scenario";

export interface DemoOptions {
  /** Mean gap between arriving calls, in emulated seconds. */
  callEverySeconds?: number;
  /** Emulated seconds per real second: 1 for a live demo, more for tests. */
  speed?: number;
  queue?: string;
  /** Agent names as mod_callcenter knows them ("1001@default"); the extension is the part before @. */
  agents?: readonly string[];
  /** Deterministic runs take a seeded generator. */
  random?: () => number;
}

type Step = { afterSeconds: number; run: () => void };

/**
 * Calls arriving for ever on the emulated switch, so the dashboard and the adapter have something
 * to show: IVR, queue, offer to a free agent, talk (sometimes a hold), hang-up; a caller whose
 * patience runs out abandons. The emulated clock follows real time (times `speed`), so event
 * timestamps and durations look like a real call centre's.
 */
export class DemoTraffic {
  private readonly speed: number;
  private readonly every: number;
  private readonly queue: string;
  private readonly free: string[];
  private readonly random: () => number;
  private readonly timers = new Set<NodeJS.Timeout>();
  private lastSync = 0;
  private running = false;
  calls = 0;

  constructor(
    private readonly fs: FsSwitch,
    options: DemoOptions = {},
  ) {
    this.speed = options.speed ?? 1;
    this.every = options.callEverySeconds ?? 8;
    this.queue = options.queue ?? "support@default";
    this.free = [...(options.agents ?? ["1001@default", "1002@default", "1003@default", "1004@default"])];
    this.random = options.random ?? Math.random;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.lastSync = performance.now();
    this.arrivals();
  }

  stop(): void {
    this.running = false;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  /** Moves the emulated clock by the real time that passed, so each event carries a plausible time. */
  private sync(): void {
    const now = performance.now();
    this.fs.advance(((now - this.lastSync) / 1000) * this.speed);
    this.lastSync = now;
  }

  private after(seconds: number, run: () => void): void {
    if (!this.running) return;
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        if (!this.running) return;
        this.sync();
        run();
      },
      (seconds * 1000) / this.speed,
    );
    this.timers.add(timer);
  }

  private between(min: number, max: number): number {
    return min + this.random() * (max - min);
  }

  private arrivals(): void {
    this.after(this.between(0.5, 1.5) * this.every, () => {
      this.call();
      this.arrivals();
    });
  }

  private call(): void {
    this.calls += 1;
    const from = `+86138${String(Math.floor(this.random() * 1e8)).padStart(8, "0")}`;
    const call = new CallScenario(this.fs, { from, to: "4001" }).answer().ivr("main");
    const alive = () => this.fs.channel(call.caller.uuid) !== undefined;
    const patience = this.between(20, 90);
    this.plan(alive, [
      { afterSeconds: this.between(3, 8), run: () => call.enqueue(this.queue) },
      { afterSeconds: 0, run: () => this.waitForAgent(call, alive, patience) },
    ]);
  }

  private waitForAgent(call: CallScenario, alive: () => boolean, patienceLeft: number): void {
    const agent = this.free.shift();
    if (agent === undefined) {
      if (patienceLeft <= 0) call.abandon();
      else this.after(1, () => alive() && this.waitForAgent(call, alive, patienceLeft - 1));
      return;
    }
    const release = () => this.free.push(agent);
    call.offer(agent, agent.split("@")[0] ?? agent);
    const held = this.random() < 0.3;
    const steps: Step[] = [
      { afterSeconds: this.between(2, 6), run: () => call.agentAnswers(agent) },
      ...(held
        ? [
            { afterSeconds: this.between(10, 30), run: () => call.hold() },
            { afterSeconds: this.between(5, 20), run: () => call.unhold() },
          ]
        : []),
      {
        afterSeconds: this.between(20, 90),
        run: () => {
          call.hangup();
          release();
        },
      },
    ];
    // A supervisor's force-hangup or take-over can end the call early: the agent is free again.
    this.plan(alive, steps, release);
  }

  /** Runs steps in order while the caller's channel lives; `onGone` when it ended under us. */
  private plan(alive: () => boolean, steps: Step[], onGone?: () => void): void {
    const [step, ...rest] = steps;
    if (step === undefined) return;
    this.after(step.afterSeconds, () => {
      if (!alive()) {
        onGone?.();
        return;
      }
      step.run();
      this.plan(alive, rest, onGone);
    });
  }
}
