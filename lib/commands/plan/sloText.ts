/** The plan's SLO section as text: p99 at the peak and in the worst hour, one line per scenario. */
import { worstHour } from "../../models/slo/hourly";
import type { ScenarioResult } from "../../models/slo/scenarios";
import type { SloReport } from "../../models/slo/sloReport";
import { roundTo } from "../../models/round";
import { latencyMs as ms, seconds } from "../../format";

const DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

export function hourLabel(hourOfWeek: number): string {
  return `${DAYS[Math.floor(hourOfWeek / 24)]} ${String(hourOfWeek % 24).padStart(2, "0")}:00`;
}

function scenarioLine(s: ScenarioResult): string {
  return [
    `  ${s.passed ? "PASS" : "FAIL"} ${s.name.padEnd(13)}worst p99 ${ms(s.worstP99Ms)}`,
    `${s.minutesOverSlo} min over target`,
    `scale-out ${seconds(s.scaleOutSeconds, "n/a")}`,
    `recovery ${seconds(s.recoverySeconds, s.name === "diurnal" ? "n/a" : "not within the run")}`,
  ].join(", ");
}

export function formatSloReport(report: SloReport): string {
  const worst = worstHour(report.hourly);
  const { peak } = report;
  return [
    `SLO model: p99 target ${report.targetP99Ms} ms`,
    `  weekday peak: ${peak.rps} rps on ${peak.tasks} tasks, utilization ${roundTo(peak.utilization * 100, 1)}%, p99 ${ms(peak.p99Ms)}`,
    `  worst hour: ${hourLabel(worst.hourOfWeek)}, ${worst.rps} rps on ${worst.tasks} tasks, p99 ${ms(worst.p99Ms)}`,
    ...report.scenarios.map(scenarioLine),
    `  meets target: ${report.meetsTarget ? "yes" : "no"}`,
  ].join("\n");
}
