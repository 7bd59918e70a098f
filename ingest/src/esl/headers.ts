import { decodeHeaderValue } from "./url-decode";

/**
 * Header list of a frame or an event. FreeSWITCH compares header names case-insensitively (the
 * 2008 BACKGROUND_JOB capture spells `Event-Date-timestamp`), keeps their order, and may repeat a
 * name (`Hangup-Cause` twice in a HANGUP_COMPLETE): we keep every value and look up by lower case.
 *
 * Plain events arrive with ~270 url-encoded headers of which a consumer reads a dozen, so values
 * are stored as received and decoded on first read, and the lookup index is built on first lookup:
 * parsing stays close to a JSON.parse of the same event.
 */
export class FsHeaders {
  private readonly names: string[] = [];
  private readonly values: string[] = [];
  /** Per value: still url-encoded (plain bodies) until read. */
  private readonly encoded: boolean[] = [];
  private index: Map<string, number[]> | undefined;

  add(name: string, value: string): void {
    this.push(name, value, false);
  }

  /** A value exactly as a plain event body carries it; decoded (defensively) when first read. */
  addEncoded(name: string, raw: string): void {
    this.push(name, raw, raw.indexOf("%") !== -1);
  }

  private push(name: string, value: string, encoded: boolean): void {
    const at = this.names.length;
    this.names.push(name);
    this.values.push(value);
    this.encoded.push(encoded);
    if (this.index !== undefined) this.indexName(name, at);
  }

  private indexName(name: string, at: number): void {
    const index = this.index as Map<string, number[]>;
    const key = name.toLowerCase();
    const list = index.get(key);
    if (list === undefined) index.set(key, [at]);
    else list.push(at);
  }

  private positions(name: string): number[] | undefined {
    if (this.index === undefined) {
      this.index = new Map();
      for (let i = 0; i < this.names.length; i++) this.indexName(this.names[i] as string, i);
    }
    return this.index.get(name.toLowerCase());
  }

  private valueAt(i: number): string {
    if (this.encoded[i] === true) {
      this.values[i] = decodeHeaderValue(this.values[i] as string);
      this.encoded[i] = false;
    }
    return this.values[i] as string;
  }

  /** The first value, as FreeSWITCH's switch_event_get_header returns it. */
  get(name: string): string | undefined {
    const at = this.positions(name)?.[0];
    return at === undefined ? undefined : this.valueAt(at);
  }

  all(name: string): string[] {
    return (this.positions(name) ?? []).map((i) => this.valueAt(i));
  }

  has(name: string): boolean {
    return this.positions(name) !== undefined;
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
    for (const [name, value] of this.entries()) if (!(name in out)) out[name] = value;
    return out;
  }
}
