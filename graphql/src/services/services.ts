import type { LiveService } from "./live";
import type { QaRuleService } from "./qa-rules";
import type { ReportService } from "./reports";
import type { SupervisorService } from "./supervisor";

export interface Services {
  live: LiveService;
  reports: ReportService;
  supervisor: SupervisorService;
  qaRules: QaRuleService;
}
