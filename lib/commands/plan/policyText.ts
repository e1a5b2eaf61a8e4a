/** The plan summary's Policies section: the pack's counts, then each violation under its level. */
import { plural } from "../../format";
import type { PolicyReport, ViolationLevel } from "./planPolicies";

const LEVEL_WORDS: Record<ViolationLevel, string> = {
  mandatory: "mandatory (exit 10: the stack must not deploy)",
  advisory: "advisory (open gaps, reported without failing)",
};

export function formatPolicyReport(report: PolicyReport): string[] {
  const lines = [
    `Policies (policy/, as pulumi preview --policy-pack policy): ${plural(report.mandatory, "mandatory violation")}, ${plural(report.advisory, "advisory violation")}`,
  ];
  for (const level of ["mandatory", "advisory"] as const) {
    const violations = report.violations.filter((v) => v.enforcementLevel === level);
    if (violations.length > 0) lines.push(`  ${LEVEL_WORDS[level]}:`);
    for (const v of violations) lines.push(`    ${v.policy}: ${v.resourceType} ${v.resourceName}: ${v.message}`);
  }
  return lines;
}
