import type { EmittedEvent } from "./fs-switch";
import type { EventFormat } from "./render";

/**
 * One connection's `event` / `filter` / `myevents` state, as mod_event_socket.c keeps it. In
 * `event plain A B CUSTOM x::y z::w` every word after CUSTOM is a subclass; the last `event`
 * command sets the format for the whole connection.
 */
export class Subscription {
  format: EventFormat = "plain";
  private all = false;
  private readonly names = new Set<string>();
  private readonly subclasses = new Set<string>();
  private readonly filters: [string, string][] = [];

  subscribe(format: string, words: readonly string[]): string | undefined {
    if (format !== "plain" && format !== "json") return undefined;
    this.format = format;
    let custom = false;
    for (const word of words) {
      if (custom) this.subclasses.add(word);
      else if (word.toUpperCase() === "ALL") this.all = true;
      else if (word.toUpperCase() === "CUSTOM") custom = true;
      else this.names.add(word.toUpperCase());
    }
    return format;
  }

  clear(): void {
    this.all = false;
    this.names.clear();
    this.subclasses.clear();
  }

  addFilter(header: string, value: string): void {
    this.filters.push([header.toLowerCase(), value]);
  }

  deleteFilter(header: string, value: string | undefined): void {
    for (let i = this.filters.length - 1; i >= 0; i--) {
      const [h, v] = this.filters[i] as [string, string];
      if (h === header.toLowerCase() && (value === undefined || v === value)) this.filters.splice(i, 1);
    }
  }

  wants(event: EmittedEvent): boolean {
    const subscribed =
      this.all ||
      this.names.has(event.name) ||
      (event.name === "CUSTOM" && event.subclass !== undefined && this.subclasses.has(event.subclass));
    if (!subscribed) return false;
    if (this.filters.length === 0) return true;
    return this.filters.some(([h, v]) =>
      event.headers.some(([name, value]) => name.toLowerCase() === h && value === v),
    );
  }
}
