// Means that update in O(1) per sample, for the live AHT that feeds EWT.

import { positive } from "./guards";

/**
 * Mean of the last `size` samples (a ring buffer and a running sum). Adding and subtracting floats
 * drifts, so the sum is recomputed from the buffer once per `size` updates: still O(1) amortised.
 */
export class RollingMean {
  readonly size: number;
  private readonly buffer: Float64Array;
  private next = 0;
  private filled = 0;
  private sum = 0;
  private sinceResum = 0;

  constructor(size: number) {
    if (!Number.isSafeInteger(size) || size < 1) {
      throw new RangeError(`window size must be a whole number >= 1, got ${size}`);
    }
    this.size = size;
    this.buffer = new Float64Array(size);
  }

  add(sample: number): void {
    if (!Number.isFinite(sample)) throw new RangeError(`sample must be a finite number, got ${sample}`);
    const old = this.buffer[this.next] ?? 0;
    this.sum += sample - (this.filled === this.size ? old : 0);
    this.buffer[this.next] = sample;
    this.next = (this.next + 1) % this.size;
    if (this.filled < this.size) this.filled += 1;
    if (++this.sinceResum >= this.size) {
      this.sinceResum = 0;
      this.sum = 0;
      for (let i = 0; i < this.filled; i++) this.sum += this.buffer[i] ?? 0;
    }
  }

  /** Samples currently in the window. */
  get count(): number {
    return this.filled;
  }

  /** The mean, or null before the first sample. */
  get value(): number | null {
    return this.filled > 0 ? this.sum / this.filled : null;
  }
}

/**
 * Exponentially weighted mean: value ← value + alpha·(sample − value); the first sample sets it.
 * Asterisk app_queue smooths its hold time as (3·old + sample)/4, which is alpha = 0.25.
 */
export class ExponentialMean {
  readonly alpha: number;
  private current: number | null = null;

  constructor(alpha: number) {
    if (!(positive("alpha", alpha) <= 1)) throw new RangeError(`alpha must be in (0, 1], got ${alpha}`);
    this.alpha = alpha;
  }

  add(sample: number): void {
    if (!Number.isFinite(sample)) throw new RangeError(`sample must be a finite number, got ${sample}`);
    this.current = this.current === null ? sample : this.current + this.alpha * (sample - this.current);
  }

  get value(): number | null {
    return this.current;
  }
}
