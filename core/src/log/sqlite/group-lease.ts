import { hostname } from "node:os";
import type Database from "better-sqlite3";

export interface LeaseHolder {
  host: string;
  pid: number;
  instance: string;
}

interface LeaseRow {
  host: string;
  pid: number;
  instance: string;
  expires_at: number;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * A consumer group's members share partitions inside one process. Two processes consuming the
 * same group on one data directory would both read every partition and count everything twice,
 * so a group is leased to one process: the lease expires unless renewed, and a holder on this host
 * whose process is gone (kill -9) is taken over at once rather than after the expiry.
 */
export class GroupLeases {
  readonly self: LeaseHolder = {
    host: hostname(),
    pid: process.pid,
    instance: Math.random().toString(36).slice(2),
  };

  constructor(
    private readonly db: Database.Database,
    private readonly ttlMs: number,
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS group_leases (
      group_id TEXT PRIMARY KEY,
      host TEXT NOT NULL,
      pid INTEGER NOT NULL,
      instance TEXT NOT NULL,
      expires_at INTEGER NOT NULL
    ) WITHOUT ROWID`);
  }

  /** Takes or renews the lease; returns the other live holder when it cannot. */
  acquire(groupId: string, now: number): LeaseHolder | undefined {
    const take = this.db.transaction((): LeaseHolder | undefined => {
      const row = this.db
        .prepare("SELECT host, pid, instance, expires_at FROM group_leases WHERE group_id = ?")
        .get(groupId) as LeaseRow | undefined;
      const mine = row !== undefined && row.instance === this.self.instance;
      const stale =
        row === undefined ||
        row.expires_at < now ||
        (row.host === this.self.host && row.pid !== this.self.pid && !processAlive(row.pid));
      if (!mine && !stale) return { host: row.host, pid: row.pid, instance: row.instance };
      this.db
        .prepare(
          `INSERT INTO group_leases (group_id, host, pid, instance, expires_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (group_id) DO UPDATE SET host = excluded.host, pid = excluded.pid,
             instance = excluded.instance, expires_at = excluded.expires_at`,
        )
        .run(groupId, this.self.host, this.self.pid, this.self.instance, now + this.ttlMs);
      return undefined;
    });
    return take.immediate();
  }

  release(groupId: string): void {
    this.db
      .prepare("DELETE FROM group_leases WHERE group_id = ? AND instance = ?")
      .run(groupId, this.self.instance);
  }
}
