/**
 * How many tasks each service runs in every hour of the reference week, on which capacity provider,
 * and how often a task starts. The API's hourly counts come from lib/capacity/apiTaskCount.ts (the
 * target-tracking steady state of steadyState.ts, floored by the hour's minimum, which scheduled
 * scaling lowers off hours), the same counts the SLO model times, so cost and latency describe one fleet.
 */
import { apiTasksForHour } from "../capacity/apiTaskCount";
import { splitByCapacityProvider, steadyStateTasks } from "../capacity/steadyState";
import { vcpuOf } from "../compute/fargateSizes";
import { PlatformSpec, ServiceSizing } from "../spec";
import { HOURS_PER_MONTH, HOURS_PER_WEEK, WEEKS_PER_MONTH, rpsByHourOfWeek } from "../workload";
import { DEPLOYS_PER_MONTH, SPOT_INTERRUPTIONS_PER_TASK_HOUR } from "./assumptions";

/** API tasks in each of the 168 hours of the reference week (the rule the SLO model shares). */
export function apiTasksByHour(spec: PlatformSpec): number[] {
  return rpsByHourOfWeek(spec.workload).map((rps, hour) => apiTasksForHour(spec, hour, rps));
}

/** Worker tasks in each hour: its demand is an average, so the count is the same all week. */
export function workerTasksByHour(spec: PlatformSpec): number[] {
  const { worker, workload } = spec;
  const tasks = steadyStateTasks(
    workload.workerVcpuDemand,
    vcpuOf(worker.cpu),
    worker.cpuTargetPercent,
    worker.minTasks,
    worker.maxTasks,
  );
  return Array.from({ length: HOURS_PER_WEEK }, () => tasks);
}

/** A service's monthly usage: task-hours per capacity provider and task starts (each one pulls the image). */
export interface ServiceUsage {
  onDemandTaskHours: number;
  spotTaskHours: number;
  /** Mean running tasks over the month. */
  averageTasks: number;
  /** Starts from scaling out hour over hour (the week repeats, so hour 0 follows hour 167). */
  scalingStarts: number;
  /** Replacements of interrupted Spot tasks. */
  spotReplacementStarts: number;
  /** Replacements of every running task by each deployment. */
  deploymentStarts: number;
  taskStarts: number;
}

/** Monthly usage of a service from its hourly task counts and its capacity provider strategy. */
export function serviceUsage(tasksByHour: readonly number[], sizing: ServiceSizing): ServiceUsage {
  let onDemandWeekly = 0;
  let spotWeekly = 0;
  let scaleOutWeekly = 0;
  tasksByHour.forEach((tasks, hour) => {
    const split = splitByCapacityProvider(tasks, sizing.onDemandBase, sizing.onDemandWeight, sizing.spotWeight);
    onDemandWeekly += split.onDemand;
    spotWeekly += split.spot;
    const previous = tasksByHour[(hour + tasksByHour.length - 1) % tasksByHour.length];
    scaleOutWeekly += Math.max(0, tasks - previous);
  });
  const onDemandTaskHours = onDemandWeekly * WEEKS_PER_MONTH;
  const spotTaskHours = spotWeekly * WEEKS_PER_MONTH;
  const averageTasks = (onDemandTaskHours + spotTaskHours) / HOURS_PER_MONTH;
  const scalingStarts = scaleOutWeekly * WEEKS_PER_MONTH;
  const spotReplacementStarts = spotTaskHours * SPOT_INTERRUPTIONS_PER_TASK_HOUR;
  const deploymentStarts = averageTasks * DEPLOYS_PER_MONTH;
  return {
    onDemandTaskHours,
    spotTaskHours,
    averageTasks,
    scalingStarts,
    spotReplacementStarts,
    deploymentStarts,
    taskStarts: scalingStarts + spotReplacementStarts + deploymentStarts,
  };
}

export function apiUsage(spec: PlatformSpec): ServiceUsage {
  return serviceUsage(apiTasksByHour(spec), spec.api);
}

export function workerUsage(spec: PlatformSpec): ServiceUsage {
  return serviceUsage(workerTasksByHour(spec), spec.worker);
}
