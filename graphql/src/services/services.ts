import type { LiveService } from "./live";
import type { QaRuleService } from "./qa-rules";
import type { ReportService } from "./reports";
import type { StaffedService } from "./staffed";
import type { SupervisorService } from "./supervisor";

export interface Services {
  live: LiveService;
  reports: ReportService;
  /** Agents staffed per interval (ServiceLevelReport.staffed). */
  staffed: StaffedService;
  supervisor: SupervisorService;
  qaRules: QaRuleService;
}
