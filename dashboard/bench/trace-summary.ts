// Reads a Chrome trace (CDP Tracing events) and a CPU profile (CDP Profiler) and says what the
// renderer's long tasks were made of: self time per trace event name (script, style, layout, paint,
// GC...) and the JavaScript functions sampled inside them. Pure functions: the tracer feeds them.

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time in µs: unlike `dur`, not inflated by other processes on a loaded machine. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: Record<string, unknown> };
}

export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
    children?: number[];
  }[];
  startTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface Task {
  start: number;
  end: number;
  /** The task's thread time, ms. */
  cpuMs: number;
  /** Self milliseconds per event name inside the task. */
  selfMs: Map<string, number>;
}

const taskNames = new Set(["RunTask", "ThreadControllerImpl::RunTask"]);

/** Main threads of renderers (`CrRendererMain`), as "pid:tid". */
function rendererMains(events: TraceEvent[]): Set<string> {
  const mains = new Set<string>();
  for (const e of events)
    if (e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain")
      mains.add(`${e.pid}:${e.tid}`);
  return mains;
}

/** Top-level tasks on a renderer main thread lasting at least `minMs` (wall), with their self times. */
export function longTasks(events: TraceEvent[], minMs: number): Task[] {
  const mains = rendererMains(events);
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph !== "X" || e.dur === undefined || !mains.has(key)) continue;
    const list = byThread.get(key) ?? [];
    list.push(e);
    byThread.set(key, list);
  }
  const tasks: Task[] = [];
  for (const list of byThread.values()) {
    // Parents first when two events start together: the longer one encloses the other.
    list.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
    let i = 0;
    while (i < list.length) {
      const top = list[i] as TraceEvent;
      const end = top.ts + (top.dur ?? 0);
      let j = i + 1;
      while (j < list.length && (list[j] as TraceEvent).ts < end) j++;
      if (taskNames.has(top.name) && (top.dur ?? 0) >= minMs * 1000)
        tasks.push({
          start: top.ts,
          end,
          cpuMs: (top.tdur ?? top.dur ?? 0) / 1000,
          selfMs: selfTimes(list.slice(i, j)),
        });
      i = j;
    }
  }
  return tasks.sort((a, b) => a.start - b.start);
}

/** Self time per name of nested complete events (the first one encloses the rest). */
function selfTimes(nested: TraceEvent[]): Map<string, number> {
  const self = new Map<string, number>();
  const stack: { name: string; end: number }[] = [];
  const add = (name: string, us: number) => self.set(name, (self.get(name) ?? 0) + us / 1000);
  for (const e of nested) {
    const dur = e.dur ?? 0;
    while (stack.length > 0 && (stack.at(-1)?.end ?? 0) <= e.ts) stack.pop();
    const parent = stack.at(-1);
    if (parent !== undefined) add(parent.name, -dur);
    add(e.name, dur);
    stack.push({ name: e.name, end: e.ts + dur });
  }
  return self;
}

/** Milliseconds of profiler samples per function ("name url:line:col") that fall inside `tasks`. */
export function functionsInTasks(profile: CpuProfile, tasks: Task[]): Map<string, number> {
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const out = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let t = profile.startTime;
  let k = 0;
  for (let s = 0; s < samples.length; s++) {
    const delta = deltas[s + 1] ?? 0;
    t += deltas[s] ?? 0;
    while (k < tasks.length && (tasks[k]?.end ?? 0) < t) k++;
    const task = tasks[k];
    if (task === undefined || t < task.start) continue;
    const f = frames.get(samples[s] ?? -1);
    if (f === undefined) continue;
    const file = f.url.split("/").at(-1) ?? f.url;
    const key = `${f.functionName || "(anonymous)"} ${file}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
    out.set(key, (out.get(key) ?? 0) + delta / 1000);
  }
  return out;
}

/** Sums maps of milliseconds and returns the `top` largest entries, rounded. */
export function topEntries(maps: Map<string, number>[], top: number): [string, number][] {
  const sum = new Map<string, number>();
  for (const m of maps) for (const [k, v] of m) sum.set(k, (sum.get(k) ?? 0) + v);
  return [...sum.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([k, v]) => [k, Math.round(v * 10) / 10]);
}

export interface CpuSummary {
  /** CPU ms of every renderer main-thread task. */
  busyMs: number;
  /** The ten largest tasks' CPU ms, largest first, rounded. */
  largest: number[];
  maxMs: number;
  /** 99th percentile of the tasks taking at least 1 ms of CPU. */
  p99Ms: number;
  /** Tasks taking at least 50 ms of CPU. */
  over50: number;
}

/** Renderer main-thread tasks in CPU (thread) time, which other processes on the machine do not stretch. */
export function cpuSummary(events: TraceEvent[]): CpuSummary {
  const cpu = longTasks(events, 0)
    .map((t) => t.cpuMs)
    .sort((a, b) => b - a);
  const real = cpu.filter((ms) => ms >= 1);
  const p99 = real[Math.max(0, Math.ceil(real.length * 0.01) - 1)] ?? 0;
  return {
    busyMs: cpu.reduce((a, b) => a + b, 0),
    largest: cpu.slice(0, 10).map((ms) => Math.round(ms * 10) / 10),
    maxMs: cpu[0] ?? 0,
    p99Ms: p99,
    over50: cpu.filter((ms) => ms >= 50).length,
  };
}
