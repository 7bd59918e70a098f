import { decodeHeaderValue } from "./url-decode";

/**
 * Header list of a frame or an event. FreeSWITCH compares header names case-insensitively (the
 * 2008 BACKGROUND_JOB capture spells `Event-Date-timestamp`), keeps their order, and may repeat a
 * name (`Hangup-Cause` twice in a HANGUP_COMPLETE): we keep every value and look up by lower case.
 *
 * Plain events arrive with ~270 url-encoded headers of which a consumer reads a dozen, so values
 * are stored as received and decoded on first read: parsing stays close to a JSON.parse of the
 * same event.
 */
export class FsHeaders {
  private readonly names: string[] = [];
  private readonly values: string[] = [];
  /** Per value: still url-encoded (plain bodies) until read. */
  private readonly encoded: boolean[] = [];

  add(name: string, value: string): void {
    this.push(name, value, false);
  }

  /**
   * A value exactly as a plain event body carries it; decoded (defensively) when first read. Not
   * scanned for `%` here: decodeHeaderValue does that on read, for the dozen values anyone reads.
   */
  addEncoded(name: string, raw: string): void {
    this.push(name, raw, true);
  }

  private push(name: string, value: string, encoded: boolean): void {
    this.names.push(name);
    this.values.push(value);
    this.encoded.push(encoded);
  }

  /**
   * A scan, not a map: building a 270-entry lower-case index costs more than the dozen lookups a
   * consumer makes (measured: it cut plain parsing from ~50k to ~12k events/s). Lengths filter
   * almost every name before any string comparison.
   */
  private positions(name: string): number[] | undefined {
    const length = name.length;
    let lower: string | undefined;
    let found: number[] | undefined;
    for (let i = 0; i < this.names.length; i++) {
      const candidate = this.names[i] as string;
      if (candidate.length !== length) continue;
      if (candidate !== name) {
        lower ??= name.toLowerCase();
        if (candidate.toLowerCase() !== lower) continue;
      }
      if (found === undefined) found = [i];
      else found.push(i);
    }
    return found;
  }

  private first(name: string): number | undefined {
    const length = name.length;
    let lower: string | undefined;
    for (let i = 0; i < this.names.length; i++) {
      const candidate = this.names[i] as string;
      if (candidate.length !== length) continue;
      if (candidate === name) return i;
      lower ??= name.toLowerCase();
      if (candidate.toLowerCase() === lower) return i;
    }
    return undefined;
  }

  private valueAt(i: number): string {
    if (this.encoded[i] === true) {
      const raw = this.values[i] as string;
      const decoded = decodeHeaderValue(raw);
      this.values[i] = decoded === raw ? detached(raw) : decoded;
      this.encoded[i] = false;
    }
    return this.values[i] as string;
  }

  /** The first value, as FreeSWITCH's switch_event_get_header returns it. */
  get(name: string): string | undefined {
    const at = this.first(name);
    return at === undefined ? undefined : this.valueAt(at);
  }

  all(name: string): string[] {
    return (this.positions(name) ?? []).map((i) => this.valueAt(i));
  }

  has(name: string): boolean {
    return this.first(name) !== undefined;
  }

  get size(): number {
    return this.names.length;
  }

  /** Every header in order, decoded. */
  entries(): [string, string][] {
    return this.names.map((name, i) => [name, this.valueAt(i)]);
  }

  /** First value per name, original spelling: handy for tests and JSON dumps. */
  toObject(): Record<string, string> {
    const out: Record<string, string> = {};
    // Own properties only, defined rather than assigned: a header named `constructor` is not
    // "already there" through the prototype, and one named `__proto__` is kept, not a prototype.
    for (const [name, value] of this.entries()) {
      if (!Object.hasOwn(out, name))
        Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
}

/**
 * A value held apart from the event text it was cut from. V8 keeps a substring of 13 or more
 * characters as a view into its parent, so a call's uuid kept for minutes (the router's duplicate
 * windows, the call table's ended calls) kept its whole ~1.7 KB event alive: ~30 MB of the
 * platform's heap two minutes into a load run, growing until the windows filled. Copying only the
 * values someone reads keeps parsing cheap. A concatenation then a slice is the cheapest copy
 * measured (~110 ns for a uuid, against ~380 through a Buffer): the slice's parent is the flattened
 * 1-character-longer copy, never the event.
 */
function detached(value: string): string {
  return value.length < 13 ? value : ` ${value}`.slice(1);
}
