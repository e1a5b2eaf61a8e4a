/**
 * How many tasks each service runs in every hour of the reference week, on which capacity provider,
 * and how often a task starts. The web service's hourly counts come from webTaskCount.ts (the
 * target-tracking steady state of steadyState.ts, floored by the hour's minimum, which scheduled
 * scaling lowers off hours), the same counts the SLO model times, so cost and latency describe one
 * fleet. A worker's demand is an average, so its count is the same all week.
 */
import { vcpuOf } from "../../aws/fargateSizes";
import { PlatformSpec, ServiceSizing, ServiceSpec } from "../../spec";
import { HOURS_PER_MONTH, HOURS_PER_WEEK, WEEKS_PER_MONTH, rpsByHourOfWeek } from "../../spec/workload";
import { DEPLOYS_PER_MONTH, SPOT_INTERRUPTIONS_PER_TASK_HOUR } from "../cost/assumptions";
import { splitByCapacityProvider, steadyStateTasks } from "./steadyState";
import { webTasksForHour } from "./webTaskCount";

/** A service's tasks in each of the 168 hours of the reference week. */
export function tasksByHour(spec: PlatformSpec, service: ServiceSpec): number[] {
  if (service.role === "web") return rpsByHourOfWeek(spec.workload).map((rps, hour) => webTasksForHour(spec, hour, rps));
  const tasks = steadyStateTasks(
    service.vcpuDemand,
    vcpuOf(service.cpu),
    service.cpuTargetPercent,
    service.minTasks,
    service.maxTasks,
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
export function usageFromHourlyTasks(hourlyTasks: readonly number[], sizing: ServiceSizing): ServiceUsage {
  let onDemandWeekly = 0;
  let spotWeekly = 0;
  let scaleOutWeekly = 0;
  hourlyTasks.forEach((tasks, hour) => {
    const split = splitByCapacityProvider(tasks, sizing.onDemandBase, sizing.onDemandWeight, sizing.spotWeight);
    onDemandWeekly += split.onDemand;
    spotWeekly += split.spot;
    const previous = hourlyTasks[(hour + hourlyTasks.length - 1) % hourlyTasks.length];
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

/** One service's monthly usage. */
export function serviceUsage(spec: PlatformSpec, service: ServiceSpec): ServiceUsage {
  return usageFromHourlyTasks(tasksByHour(spec, service), service);
}
