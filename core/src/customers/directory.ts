import type { CustomerRecord } from "./record";

/**
 * Digits of a phone number, the leading country code kept: "+1 (415) 555-0100", "+14155550100" and
 * "0014155550100" are one number. FreeSWITCH hands over whatever the carrier sent, so exact string
 * matching would miss most callers. National numbers without a country code match only themselves.
 */
export function phoneKey(phone: string): string | undefined {
  let digits = phone.replace(/[^\d]/g, "");
  if (digits.startsWith("00")) digits = digits.slice(2);
  return digits.length >= 5 ? digits : undefined;
}

/** Who is on an incoming contact, by its address; sources take this rather than the whole directory. */
export type RecognizeCustomer = (address: string) => CustomerRecord | undefined;

const identityKey = (identity: string) => identity.trim().toLowerCase();

/**
 * Customer recognition: the records by id, and the look-ups an incoming contact needs (caller
 * number, chat or email identity). Upserting a record replaces its previous phones and identities,
 * so a number moved to another customer is recognized as theirs from then on.
 */
export class CustomerDirectory {
  private readonly records = new Map<string, CustomerRecord>();
  private readonly phones = new Map<string, string>();
  private readonly identities = new Map<string, string>();

  constructor(records: Iterable<CustomerRecord> = []) {
    for (const record of records) this.upsert(record);
  }

  get size(): number {
    return this.records.size;
  }

  upsert(record: CustomerRecord): void {
    this.remove(record.id);
    this.records.set(record.id, record);
    for (const phone of record.phones) {
      const key = phoneKey(phone);
      if (key !== undefined) this.phones.set(key, record.id);
    }
    for (const identity of record.identities) this.identities.set(identityKey(identity), record.id);
  }

  remove(id: string): void {
    const old = this.records.get(id);
    if (old === undefined) return;
    this.records.delete(id);
    for (const phone of old.phones) {
      const key = phoneKey(phone);
      if (key !== undefined && this.phones.get(key) === id) this.phones.delete(key);
    }
    for (const identity of old.identities) {
      const key = identityKey(identity);
      if (this.identities.get(key) === id) this.identities.delete(key);
    }
  }

  byId(id: string): CustomerRecord | undefined {
    return this.records.get(id);
  }

  byPhone(phone: string): CustomerRecord | undefined {
    const key = phoneKey(phone);
    const id = key === undefined ? undefined : this.phones.get(key);
    return id === undefined ? undefined : this.records.get(id);
  }

  /**
   * Who is on an incoming contact, from its address (caller number, visitor id, email sender): an
   * identity first (exact), then a phone number (by digits).
   */
  readonly recognize: RecognizeCustomer = (address) => {
    const id = this.identities.get(identityKey(address));
    if (id !== undefined) return this.records.get(id);
    return this.byPhone(address);
  };
}
