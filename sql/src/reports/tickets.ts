import type { Warehouse } from "../client";
import { num, rangeParams, runNamedQuery, type TimeRange, timeParam } from "./named-query";

export interface DepartmentSla {
  department: string;
  tickets: number;
  resolvedWithinSla: number;
  resolvedLate: number;
  openOverdue: number;
  openWithinSla: number;
  departmentHops: number;
}

export interface DepartmentDaySla extends DepartmentSla {
  /** UTC day the tickets were created, "YYYY-MM-DD". */
  day: string;
}

interface Row {
  department: string;
  tickets: number;
  resolved_within_sla: number;
  resolved_late: number;
  open_overdue: number;
  open_within_sla: number;
  department_hops: number;
}

/** Tickets created in the range, by current department, judged at `asOf` (default now). */
export async function ticketSlaByDepartment(
  warehouse: Warehouse,
  query: TimeRange & { asOf?: Date },
): Promise<DepartmentSla[]> {
  const rows = await runNamedQuery<Row>(warehouse, "ticket_sla", {
    ...rangeParams(query),
    as_of: timeParam(query.asOf ?? new Date()),
  });
  return rows.map((r) => ({
    department: r.department,
    tickets: num(r.tickets),
    resolvedWithinSla: num(r.resolved_within_sla),
    resolvedLate: num(r.resolved_late),
    openOverdue: num(r.open_overdue),
    openWithinSla: num(r.open_within_sla),
    departmentHops: num(r.department_hops),
  }));
}

/** The same counts per department and UTC creation day, judged at `asOf` (default now). */
export async function ticketSlaByDepartmentDay(
  warehouse: Warehouse,
  query: TimeRange & { asOf?: Date },
): Promise<DepartmentDaySla[]> {
  const rows = await runNamedQuery<Row & { day: string }>(warehouse, "ticket_sla_days", {
    ...rangeParams(query),
    as_of: timeParam(query.asOf ?? new Date()),
  });
  return rows.map((r) => ({
    department: r.department,
    day: r.day,
    tickets: num(r.tickets),
    resolvedWithinSla: num(r.resolved_within_sla),
    resolvedLate: num(r.resolved_late),
    openOverdue: num(r.open_overdue),
    openWithinSla: num(r.open_within_sla),
    departmentHops: num(r.department_hops),
  }));
}
