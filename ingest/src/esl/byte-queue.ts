/**
 * A growable byte window. TCP hands us arbitrary segments; concatenating Buffers on every segment is
 * quadratic when a 9 KB event arrives one byte at a time, so we append into spare capacity and only
 * move the unread tail when we run out.
 */
export class ByteQueue {
  private buf: Buffer;
  start = 0;
  end = 0;
  /** `buf[0, end)`, built on first search after `end` or `buf` changed. */
  private view: Buffer | undefined;

  constructor(initialCapacity = 64 * 1024) {
    this.buf = Buffer.allocUnsafe(initialCapacity);
  }

  get length(): number {
    return this.end - this.start;
  }

  get bytes(): Buffer {
    return this.buf;
  }

  append(chunk: Uint8Array): void {
    if (this.end + chunk.length > this.buf.length) {
      const unread = this.end - this.start;
      if (unread + chunk.length <= this.buf.length && this.start > 0) {
        this.buf.copyWithin(0, this.start, this.end);
      } else {
        const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, unread + chunk.length));
        this.buf.copy(next, 0, this.start, this.end);
        this.buf = next;
      }
      this.start = 0;
      this.end = unread;
    }
    this.buf.set(chunk, this.end);
    this.end += chunk.length;
    this.view = undefined;
  }

  /** Drops `n` unread bytes. */
  consume(n: number): void {
    this.start += n;
    if (this.start >= this.end) {
      this.start = 0;
      this.end = 0;
      this.view = undefined;
    }
  }

  /** Absolute offset of `needle` in the unread bytes at or after `from`, or -1. */
  indexOf(needle: string | number, from: number): number {
    // Bounded view: bytes past `end` are stale and must never complete a match (nor be scanned:
    // a slow header would rescan the whole capacity). Kept until `end` moves, not made per frame.
    this.view ??= this.buf.subarray(0, this.end);
    return this.view.indexOf(needle, Math.max(from, this.start));
  }

  text(from: number, to: number, encoding: BufferEncoding = "utf8"): string {
    return this.buf.toString(encoding, from, to);
  }

  copy(from: number, to: number): Buffer {
    return Buffer.from(this.buf.subarray(from, to));
  }
}
