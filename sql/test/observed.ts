import type { RowsInsert, Warehouse } from "../src/client";

/**
 * The real warehouse, with the outcome of every insert noted in order ("ok" or the error's text),
 * and its format.
 */
export function observedWarehouse(target: Warehouse): Warehouse & { outcomes: string[]; formats: string[] } {
  const wrapped = {
    ...target,
    outcomes: [] as string[],
    formats: [] as string[],
    query: target.query.bind(target),
    command: target.command.bind(target),
    close: target.close.bind(target),
    insertRows: async (insert: RowsInsert) => {
      wrapped.formats.push(insert.format ?? "JSONCompactEachRow");
      try {
        await target.insertRows(insert);
        wrapped.outcomes.push("ok");
      } catch (error) {
        wrapped.outcomes.push(String(error));
        throw error;
      }
    },
  };
  return wrapped;
}
