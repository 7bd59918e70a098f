"use strict";
// Plain CommonJS: the log's writer thread loads it without a TypeScript loader (tsx, vitest and a
// bundled build all run it as is), and the store's own thread uses the same code.

/**
 * An appender over one connection: `append(batches, now)` writes each encoded batch as one row of
 * its partition's table, takes the offsets from `partitions` and advances them, all in one
 * IMMEDIATE transaction (a second process appending waits for SQLite's write lock, so offsets never
 * collide). The append time never goes backwards within a partition, so replay from a time can
 * trust timestamp order. Returns where each batch landed, in input order.
 *
 * @param {import("better-sqlite3").Database} db
 */
function createAppender(db) {
  const state = db.prepare(
    "SELECT next_offset, last_ts FROM partitions WHERE topic_id = ? AND partition = ?",
  );
  const advance = db.prepare(
    "UPDATE partitions SET next_offset = ?, last_ts = ? WHERE topic_id = ? AND partition = ?",
  );
  const inserts = new Map();
  const insertInto = (table) => {
    let insert = inserts.get(table);
    if (insert === undefined) {
      insert = db.prepare(`INSERT INTO ${table} (base_offset, record_count, ts, body) VALUES (?, ?, ?, ?)`);
      inserts.set(table, insert);
    }
    return insert;
  };
  const write = db.transaction((batches, now) => {
    const placed = [];
    for (const batch of batches) {
      const at = state.get(batch.topicId, batch.partition);
      const ts = Math.max(now, at.last_ts);
      const body = Buffer.isBuffer(batch.body)
        ? batch.body
        : Buffer.from(batch.body.buffer, batch.body.byteOffset, batch.body.byteLength);
      insertInto(batch.table).run(at.next_offset, batch.count, ts, body);
      advance.run(at.next_offset + batch.count, ts, batch.topicId, batch.partition);
      placed.push({ baseOffset: at.next_offset, timestamp: ts });
    }
    return placed;
  });
  return (batches, now) => write.immediate(batches, now);
}

module.exports = { createAppender };
