import { badInput } from "../errors";
import { maxPageSize } from "../limits/query-limits";

export interface Page<T> {
  nodes: T[];
  totalCount: number;
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

/** Opaque to clients; the position after the last item served, in the list's stable order. */
export function cursorAt(offset: number): string {
  return Buffer.from(`o:${offset}`).toString("base64url");
}

function offsetOf(after: string | null | undefined): number {
  if (after === null || after === undefined) return 0;
  const match = /^o:(\d{1,9})$/.exec(Buffer.from(after, "base64url").toString());
  if (match?.[1] === undefined) throw badInput(`after: "${after}" is not a cursor this API issued`, "after");
  return Number(match[1]);
}

/** The offset and size a page asks for, validated. */
export function pageWindow(first: number | null | undefined, after: string | null | undefined) {
  const limit = first ?? 100;
  if (!Number.isInteger(limit) || limit < 0 || limit > maxPageSize)
    throw badInput(`first: must be an integer from 0 to ${maxPageSize}, got ${limit}`, "first");
  return { offset: offsetOf(after), limit };
}

export function pageOf<T>(
  items: readonly T[],
  first: number | null | undefined,
  after: string | null | undefined,
): Page<T> {
  const { offset: start, limit } = pageWindow(first, after);
  const nodes = items.slice(start, start + limit);
  const end = start + nodes.length;
  return {
    nodes,
    totalCount: items.length,
    pageInfo: {
      endCursor: nodes.length === 0 ? (after ?? null) : cursorAt(end),
      hasNextPage: end < items.length,
    },
  };
}
