/**
 * How many tasks each service runs in every hour of the reference week, on which capacity provider,
 * and how often a task starts. The hourly counts come from the same target-tracking steady state
 * the SLO model uses (lib/capacity/steadyState.ts), so cost and latency are computed for one fleet.
 */
import { splitByCapacityProvider, steadyStateTasks } from "../capacity/steadyState";
import { vcpuOf } from "../compute/fargateSizes";
import { PlatformSpec, ServiceSizing } from "../spec";
import { HOURS_PER_MONTH, HOURS_PER_WEEK, WEEKS_PER_MONTH, apiVcpuDemand, isWeekend, rpsByHourOfWeek } from "../workload";
import { DEPLOYS_PER_MONTH, SPOT_INTERRUPTIONS_PER_TASK_HOUR } from "./assumptions";

/**
 * Off hours for scheduled scaling: all weekend hours, and weekday hours that start before
 * `businessStartHour - rampHours` or at/after `businessEndHour + rampHours` (hours of the week start
 * Monday 00:00 US Eastern, as in lib/workload.ts). The ramps count as business hours so the lowered
 * minimum never cuts capacity while traffic is climbing.
 */
export function isOffHours(spec: PlatformSpec, hourOfWeek: number): boolean {
  if (isWeekend(hourOfWeek)) return true;
  const hourOfDay = hourOfWeek % 24;
  const { businessStartHour, businessEndHour, rampHours } = spec.workload;
  return hourOfDay < businessStartHour - rampHours || hourOfDay >= businessEndHour + rampHours;
}

/** The API's autoscaling minimum in one hour: offHoursMinTasks off hours when scheduled scaling is on. */
export function apiMinTasksAt(spec: PlatformSpec, hourOfWeek: number): number {
  return spec.scaling.scheduledScaling && isOffHours(spec, hourOfWeek) ? spec.scaling.offHoursMinTasks : spec.api.minTasks;
}

/** API tasks in each of the 168 hours of the reference week. */
export function apiTasksByHour(spec: PlatformSpec): number[] {
  const { api, workload } = spec;
  return rpsByHourOfWeek(workload).map((rps, hour) =>
    steadyStateTasks(apiVcpuDemand(workload, rps), vcpuOf(api.cpu), api.cpuTargetPercent, apiMinTasksAt(spec, hour), api.maxTasks),
  );
}

/** Worker tasks in each hour: its demand is an average, so the count is the same all week. */
export function workerTasksByHour(spec: PlatformSpec): number[] {
  const { worker, workload } = spec;
  const tasks = steadyStateTasks(workload.workerVcpuDemand, vcpuOf(worker.cpu), worker.cpuTargetPercent, worker.minTasks, worker.maxTasks);
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
