import {
  type BatchContext,
  type EventLog,
  type LogRecord,
  publishEvents,
  RecentIds,
  type Subscription,
  Topics,
} from "@starboard/core";
import type { CommandContext, EslCommand, FsCommandPort, MonitorSession, Outcome } from "./context";
import { failed } from "./context";
import { decodeCommand } from "./decode";
import { commandResult } from "./result";
import { runCommand } from "./run";

export interface EslCommandExecutorOptions {
  log: EventLog;
  fs: FsCommandPort;
  source?: string;
  groupId?: string;
  /** A command older than this is refused, not run: a stale force-hangup must not kill a new call. */
  maxAgeMs?: number;
  now?: () => Date;
}

export interface EslCommandCounters {
  received: number;
  succeeded: number;
  failed: number;
  skipped: number;
  duplicates: number;
  deadLettered: number;
}

/** Commands seen recently, by commandId: a redelivered batch must not ring a supervisor twice. */
const rememberCommands = 10_000;

/**
 * The commands topic -> FreeSWITCH. Consumes command.* (group "esl-commands"), runs each as the
 * switch's own commands, and answers every one with router.command-result: ok, or FreeSWITCH's
 * error text. Commands run one at a time, in log order, so a change-mode never overtakes its monitor.
 */
export class EslCommandExecutor {
  readonly counters: EslCommandCounters = {
    received: 0,
    succeeded: 0,
    failed: 0,
    skipped: 0,
    duplicates: 0,
    deadLettered: 0,
  };
  private readonly context: CommandContext;
  private readonly seen = new RecentIds(rememberCommands);
  private subscription: Subscription | undefined;

  constructor(private readonly options: EslCommandExecutorOptions) {
    this.context = { fs: options.fs, monitors: new Map<string, MonitorSession>() };
  }

  get monitors(): ReadonlyMap<string, MonitorSession> {
    return this.context.monitors;
  }

  async start(): Promise<void> {
    this.subscription = await this.options.log.subscribe({
      groupId: this.options.groupId ?? "esl-commands",
      topics: [Topics.commands],
      handler: async (batch, context) => {
        for (const record of batch.records) {
          if (!context.isRunning()) return;
          await this.handle(record, context);
        }
      },
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = undefined;
  }

  private async handle(record: LogRecord, context: BatchContext): Promise<void> {
    const decoded = decodeCommand(record);
    if (decoded.kind === "dlq") {
      await context.deadLetter(record, { reason: decoded.reason, step: "esl.command.decode" });
      this.counters.deadLettered += 1;
      return;
    }
    if (decoded.kind === "drop") {
      this.counters.skipped += 1;
      return;
    }
    const cmd = decoded.command;
    this.counters.received += 1;
    if (this.seen.has(cmd.data.commandId)) {
      this.counters.duplicates += 1;
      return;
    }
    const outcome = await this.execute(cmd);
    // Published before the command counts as done: a crash in between re-runs it (at least once).
    const now = this.options.now?.() ?? new Date();
    await publishEvents(this.options.log, [
      commandResult(cmd, outcome, { source: this.options.source ?? "esl", now }),
    ]);
    this.remember(cmd.data.commandId);
    if (outcome.ok) this.counters.succeeded += 1;
    else this.counters.failed += 1;
  }

  private execute(cmd: EslCommand): Promise<Outcome> {
    const now = (this.options.now?.() ?? new Date()).getTime();
    const age = now - Date.parse(cmd.time);
    const maxAge = this.options.maxAgeMs ?? 60_000;
    if (age > maxAge) {
      return Promise.resolve(failed(`-ERR command expired: issued ${Math.round(age / 1000)} s ago`));
    }
    return runCommand(this.context, cmd);
  }

  private remember(commandId: string): void {
    this.seen.add(commandId);
  }
}
