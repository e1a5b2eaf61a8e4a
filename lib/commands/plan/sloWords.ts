/**
 * How the plan words latency, written once for every format: clock times with their time zone, and
 * a p99 that is no number because requests time out at the ALB.
 */
import type { HourLatency } from "../../models/slo/hourly";
import type { ScenarioResult } from "../../models/slo/scenarios";
import type { SteadyStateCheck } from "../../models/slo/steadyStates";
import { plural, seconds } from "../../format";
import { roundTo } from "../../models/round";
import { WORKLOAD_TIME_ZONE } from "../../spec/workload";

const DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** The time zone of every clock time the plan prints: the workload's and the schedules'. */
export const TIME_ZONE = `US Eastern (${WORKLOAD_TIME_ZONE})`;

/** What an unbounded queue, or a p99 at the ALB's idle timeout, means for a client. */
export const OVERLOADED = "overloaded (requests time out at the ALB idle timeout)";

/** "Mon 09:00" for hour 9 of the week (hour 0 is Monday 00:00 in the workload's time zone). */
export function hourLabel(hourOfWeek: number): string {
  return `${DAYS[Math.floor(hourOfWeek / 24)]} ${String(hourOfWeek % 24).padStart(2, "0")}:00`;
}

/** A p99 in ms, or the overload wording when the queue has no steady state (null). */
export const p99Text = (p99Ms: number | null): string => (p99Ms === null ? OVERLOADED : `${p99Ms} ms`);

/** An hour of the week as a reader needs it: the clock time with its zone, the load, the tasks, the p99. */
export function hourText(hour: Pick<HourLatency, "hourOfWeek" | "rps" | "tasks" | "p99Ms">): string {
  return `${hourLabel(hour.hourOfWeek)} ${TIME_ZONE}, ${hour.rps} rps on ${plural(hour.tasks, "task")}, p99 ${p99Text(hour.p99Ms)}`;
}

/** A scenario's worst p99, or what a p99 at the ALB's idle timeout means. */
export function scenarioP99(scenario: ScenarioResult, idleTimeoutSeconds: number): string {
  return scenario.worstP99Ms >= idleTimeoutSeconds * 1000 ? OVERLOADED : `${scenario.worstP99Ms} ms`;
}

/** Minutes over the target as a reader wants them: "1 minute", "4.5 minutes", never "569.08 minutes". */
export const minutesOver = (minutes: number): string => plural(roundTo(minutes, 1), "minute");

/** When a scenario was back under the target: the diurnal day has no disturbance to recover from. */
export const recoveryText = (scenario: Pick<ScenarioResult, "name" | "recoverySeconds">): string =>
  seconds(scenario.recoverySeconds, scenario.name === "diurnal" ? "n/a" : "not within the run");

/** The scenario table's columns, its result last: markdown and HTML print the result their own way. */
export const SCENARIO_HEADER = ["Scenario", "Worst p99", "Over target", "Scale-out", "Recovery", "Result"];

/** A scenario's cells before its result: name, worst p99, minutes over target, scale-out and recovery. */
export function scenarioCells(scenario: ScenarioResult, idleTimeoutSeconds: number): string[] {
  return [
    scenario.name,
    scenarioP99(scenario, idleTimeoutSeconds),
    minutesOver(scenario.minutesOverSlo),
    seconds(scenario.scaleOutSeconds, "n/a"),
    recoveryText(scenario),
  ];
}

/** A queue utilization as a percent, or that no task serves (null). */
export const utilizationText = (utilization: number | null): string =>
  utilization === null ? "no task in service" : `${roundTo(utilization * 100, 1)}%`;

/** The steady-state table's columns, its result last. */
export const STEADY_STATE_HEADER = [
  "Steady state",
  "Load",
  "Tasks",
  "Nodes",
  "Utilization",
  "Simulated p99",
  "Approximation",
  "Result",
];

/** A steady state's cells before its result: name, load, tasks, nodes, utilization, simulated and approximated p99. */
export function steadyStateCells(check: SteadyStateCheck): string[] {
  return [
    check.name,
    `${check.rps} rps`,
    String(check.tasks),
    String(check.nodes),
    utilizationText(check.utilization),
    p99Text(check.simulatedP99Ms),
    p99Text(check.approximationP99Ms),
  ];
}
