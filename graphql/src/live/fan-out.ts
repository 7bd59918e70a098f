import { fanOutSeconds } from "@starboard/core";
import { type DocumentNode, type ExecutionResult, execute, type GraphQLSchema, print } from "graphql";
import type { ApiContext } from "../context";
import { apiError } from "../errors";
import { PushQueue } from "./push-queue";
import { createTopics, sendsOnlyChanges, type Topic, type TopicName, topicNames } from "./topics";
import type { LiveViews } from "./views";

export interface FanOutOptions {
  schema: GraphQLSchema;
  views: LiveViews;
  /** How often the live picture is looked at; at most one message per topic per tick. */
  tickMs?: number;
  /** Messages a slow subscriber may fall behind before it is resynchronised with a snapshot. */
  maxBacklog?: number;
  /** Re-checked for every subscriber on every message: a revoked key stops receiving. */
  isActive: (context: ApiContext) => boolean;
}

interface Subscriber {
  queue: PushQueue<ExecutionResult>;
  context: ApiContext;
  needsSnapshot: boolean;
}

/** Subscribers whose operation, variables and role are the same: one execution serves them all. */
interface Group {
  topic: TopicName;
  document: DocumentNode;
  operationName: string | undefined;
  variables: Record<string, unknown> | undefined;
  context: ApiContext;
  subscribers: Set<Subscriber>;
  /** For topics in `sendsOnlyChanges`: the last result sent, without its clocks. */
  lastSent?: string;
}

/** A result as a client reads it, minus `at` and `asOf`, which move on every tick. */
function withoutClocks(result: ExecutionResult): string {
  return JSON.stringify(result, (k, v: unknown) => (k === "at" || k === "asOf" ? undefined : v));
}

/**
 * Subscriptions without a resolver run per subscriber per event. Each tick computes every topic's
 * payload once (topics.ts), executes each distinct operation shape once over it, and pushes the
 * same result object to every subscriber of that shape. Newcomers and resynchronising subscribers
 * get the last snapshot first.
 */
export class FanOut {
  private readonly groups = new Map<string, Group>();
  private readonly topics: Record<TopicName, Topic> = createTopics();
  private readonly snapshots = new Map<TopicName, unknown>();
  private timer: NodeJS.Timeout | undefined;
  private ticking = false;
  readonly stats = { ticks: 0, executions: 0, messages: 0, resyncs: 0 };

  constructor(private readonly options: FanOutOptions) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.options.tickMs ?? 150);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    for (const g of this.groups.values()) for (const s of g.subscribers) s.queue.close();
    this.groups.clear();
  }

  get subscriberCount(): number {
    let n = 0;
    for (const g of this.groups.values()) n += g.subscribers.size;
    return n;
  }

  join(
    topic: TopicName,
    args: {
      document: DocumentNode;
      operationName?: string | null;
      variableValues?: Record<string, unknown> | null;
    },
    context: ApiContext,
  ): AsyncIterableIterator<ExecutionResult> {
    const variables = args.variableValues ?? undefined;
    const operationName = args.operationName ?? undefined;
    const key = [
      topic,
      context.principal.role,
      operationName ?? "",
      JSON.stringify(variables ?? {}),
      print(args.document),
    ].join("\u0000");
    let group = this.groups.get(key);
    if (group === undefined) {
      group = { topic, document: args.document, operationName, variables, context, subscribers: new Set() };
      this.groups.set(key, group);
    }
    const g = group;
    // A topic nobody watched has a stale snapshot and delta baseline: start it afresh.
    if (![...this.groups.values()].some((other) => other !== g && other.topic === topic))
      this.snapshots.set(topic, this.topics[topic].next(this.options.views.current()).snapshot);
    const subscriber: Subscriber = {
      context,
      needsSnapshot: true,
      queue: new PushQueue<ExecutionResult>(
        this.options.maxBacklog ?? 20,
        () => {
          g.subscribers.delete(subscriber);
          if (g.subscribers.size === 0) this.groups.delete(key);
        },
        () => {
          subscriber.needsSnapshot = true;
          this.stats.resyncs += 1;
        },
      ),
    };
    g.subscribers.add(subscriber);
    void this.sendSnapshot(g, [subscriber]);
    return subscriber.queue;
  }

  /** One pass: compute payloads, execute once per group, push to each of its subscribers. */
  async tick(): Promise<void> {
    if (this.ticking || this.groups.size === 0) return;
    this.ticking = true;
    const endTimer = fanOutSeconds.startTimer();
    try {
      this.stats.ticks += 1;
      const view = this.options.views.current();
      const updates = new Map<TopicName, unknown>();
      for (const name of topicNames) {
        if (![...this.groups.values()].some((g) => g.topic === name)) continue;
        const payloads = this.topics[name].next(view);
        this.snapshots.set(name, payloads.snapshot);
        if (payloads.update !== undefined) updates.set(name, payloads.update);
      }
      for (const g of [...this.groups.values()]) {
        const behind = [...g.subscribers].filter((s) => s.needsSnapshot);
        if (behind.length > 0) await this.sendSnapshot(g, behind);
        const update = updates.get(g.topic);
        if (update === undefined) continue;
        const result = await this.run(g, update);
        if (sendsOnlyChanges.has(g.topic)) {
          const key = withoutClocks(result);
          if (key === g.lastSent) continue;
          g.lastSent = key;
        }
        for (const s of g.subscribers) if (!s.needsSnapshot) this.deliver(s, result);
      }
    } finally {
      endTimer();
      this.ticking = false;
    }
  }

  private async sendSnapshot(g: Group, subscribers: Subscriber[]): Promise<void> {
    let snapshot = this.snapshots.get(g.topic);
    if (snapshot === undefined) {
      snapshot = this.topics[g.topic].next(this.options.views.current()).snapshot;
      this.snapshots.set(g.topic, snapshot);
    }
    const result = await this.run(g, snapshot);
    // Only a group's first snapshot sets the baseline: a newcomer's fresher snapshot must not hide
    // the change from the subscribers already in step.
    if (sendsOnlyChanges.has(g.topic) && g.lastSent === undefined) g.lastSent = withoutClocks(result);
    for (const s of subscribers) {
      s.needsSnapshot = false;
      this.deliver(s, result);
    }
  }

  private run(g: Group, payload: unknown): Promise<ExecutionResult> {
    this.stats.executions += 1;
    return Promise.resolve(
      execute({
        schema: this.options.schema,
        document: g.document,
        rootValue: { [g.topic]: payload },
        contextValue: g.context,
        variableValues: g.variables,
        operationName: g.operationName,
      }),
    );
  }

  private deliver(s: Subscriber, result: ExecutionResult): void {
    if (!this.options.isActive(s.context)) {
      s.queue.push({ errors: [apiError("UNAUTHENTICATED", "the API key is no longer valid")] });
      s.queue.close();
      return;
    }
    this.stats.messages += 1;
    s.queue.push(result);
  }
}
