import { IndexedHeapLite } from "./heap";

interface Task {
  at: number;
  seq: number;
  run: () => void;
}

/**
 * The simulated clock and its agenda: simulated time runs `speed` times faster than the wall
 * clock from `startMs`; tasks run in (time, insertion) order, each seeing `now()` equal to its
 * own scheduled time, so what a task stamps does not depend on how late the timer fired.
 */
export class SimClock {
  private readonly heap = new IndexedHeapLite<Task>((a, b) => (a.at !== b.at ? a.at < b.at : a.seq < b.seq));
  private seq = 0;
  private current: number;
  private readonly wallStart: number;
  private timer: NodeJS.Timeout | undefined;
  /** Called before each task with its time, e.g. to move the emulated switch's clock. */
  onAdvance: (ms: number) => void = () => {};
  onError: (error: unknown) => void = () => {};

  constructor(
    readonly startMs: number,
    readonly speed: number,
    private readonly wall: () => number = Date.now,
  ) {
    if (!(speed > 0) || !Number.isFinite(speed))
      throw new Error(`SimClock: speed must be a positive number (got ${speed})`);
    this.current = startMs;
    this.wallStart = wall();
  }

  /** Simulated now: the running task's time, or where the wall clock has carried simulated time. */
  now(): number {
    return this.current;
  }

  /** Where simulated time should be by the wall clock. */
  target(): number {
    return this.startMs + (this.wall() - this.wallStart) * this.speed;
  }

  at(ms: number, run: () => void): void {
    this.heap.push({ at: Math.max(ms, this.current), seq: this.seq++, run });
  }

  after(seconds: number, run: () => void): void {
    this.at(this.current + seconds * 1000, run);
  }

  get pending(): number {
    return this.heap.size;
  }

  /** Runs every task due by the wall clock; returns how many ran. */
  runDue(limit = 50_000): number {
    const target = this.target();
    let ran = 0;
    for (
      let task = this.heap.peek();
      task !== undefined && task.at <= target && ran < limit;
      task = this.heap.peek()
    ) {
      this.heap.pop();
      this.current = task.at;
      this.onAdvance(task.at);
      try {
        task.run();
      } catch (error) {
        this.onError(error);
      }
      ran += 1;
    }
    if (ran < limit) this.current = Math.max(this.current, target);
    return ran;
  }

  start(tickMs = 5): void {
    this.timer ??= setInterval(() => this.runDue(), tickMs);
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}
