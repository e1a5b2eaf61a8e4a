/** The plan's SLO section as text: p99 at the peak and in the worst hour, one line per scenario. */
import { worstHour } from "../../models/slo/hourly";
import type { ScenarioResult } from "../../models/slo/scenarios";
import type { SloReport } from "../../models/slo/sloReport";
import { plural, seconds } from "../../format";
import type { SteadyStateCheck } from "../../models/slo/steadyStates";
import { hourText, minutesOver, p99Text, recoveryText, scenarioP99, utilizationText } from "./sloWords";
import { Paint, plainPaint } from "../colors";

function scenarioLine(s: ScenarioResult, idleTimeoutSeconds: number, paint: Paint): string {
  return [
    `  ${s.passed ? paint("PASS", "good") : paint("FAIL", "bad")} ${s.name.padEnd(13)}worst p99 ${scenarioP99(s, idleTimeoutSeconds)}`,
    `${minutesOver(s.minutesOverSlo)} over target`,
    `scale-out ${seconds(s.scaleOutSeconds, "n/a")}`,
    `recovery ${recoveryText(s)}`,
  ].join(", ");
}

function steadyStateLine(s: SteadyStateCheck, paint: Paint): string {
  const where = `${s.rps} rps on ${plural(s.tasks, "task")}, ${plural(s.nodes, "node")}, utilization ${utilizationText(s.utilization)}`;
  const p99 = `p99 ${p99Text(s.simulatedP99Ms)} simulated (approximation ${p99Text(s.approximationP99Ms)})`;
  return `    ${s.passed ? paint("PASS", "good") : paint("FAIL", "bad")} ${s.name.padEnd(13)}${where}: ${p99}`;
}

/** `idleTimeoutSeconds` is the ALB's: a p99 at it is requests timing out, not a latency. `paint` colours PASS and FAIL. */
export function formatSloReport(report: SloReport, idleTimeoutSeconds: number, paint: Paint = plainPaint): string {
  const worst = worstHour(report.hourly);
  const { peak } = report;
  return [
    `SLO model: p99 target ${report.targetP99Ms} ms`,
    `  weekday peak: ${peak.rps} rps on ${plural(peak.tasks, "task")}, utilization ${utilizationText(peak.utilization)}, p99 ${p99Text(peak.p99Ms)}`,
    `  worst hour: ${hourText(worst)}`,
    ...report.scenarios.map((s) => scenarioLine(s, idleTimeoutSeconds, paint)),
    `  routing: ${report.routing}`,
    `  steady states, re-checked by the routing simulation:`,
    ...report.steadyStates.map((s) => steadyStateLine(s, paint)),
    `  meets target: ${report.meetsTarget ? "yes" : "no"}`,
  ].join("\n");
}
