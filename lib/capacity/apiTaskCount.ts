/**
 * API tasks in an hour of the reference week: the one rule the cost model and the SLO model share,
 * so both price and time the same fleet. Tasks = the target-tracking steady state (steadyState.ts)
 * for the hour's request rate: the larger of what the CPU policy and the ALB request-count policy
 * ask for (ECS scales out if any policy asks), clamped to the hour's autoscaling minimum and the
 * maximum. The memory policy is not modelled (the app's memory does not grow with load; see
 * docs/slo-model.md).
 */
import { vcpuOf } from "../compute/fargateSizes";
import { PlatformSpec } from "../spec";
import { apiVcpuDemand, businessHoursWindow, isWeekend, rpsByHourOfWeek } from "../workload";
import { requestPolicyTasks, steadyStateTasks } from "./steadyState";

/**
 * Off hours for scheduled scaling: weekends, and weekday hours outside the window the scheduled
 * actions raise and lower the minimum at (businessHoursWindow, lib/workload.ts). The ramps count as
 * business hours, so the lowered minimum never cuts capacity while traffic climbs.
 */
export function isOffHours(spec: PlatformSpec, hourOfWeek: number): boolean {
  if (isWeekend(hourOfWeek)) return true;
  const hourOfDay = hourOfWeek % 24;
  const { raiseHour, lowerHour } = businessHoursWindow(spec.workload);
  return hourOfDay < raiseHour || hourOfDay >= lowerHour;
}

/** The API's autoscaling minimum in an hour: offHoursMinTasks off hours when scheduled scaling is on. */
export function apiMinTasksForHour(spec: PlatformSpec, hourOfWeek: number): number {
  return spec.scaling.scheduledScaling && isOffHours(spec, hourOfWeek) ? spec.scaling.offHoursMinTasks : spec.api.minTasks;
}

/** API tasks target tracking settles on for a request rate and a minimum: max(CPU, request count), clamped. */
export function apiSteadyStateTasks(spec: PlatformSpec, rps: number, minTasks: number): number {
  const { api, workload, scaling } = spec;
  return steadyStateTasks(
    apiVcpuDemand(workload, rps),
    vcpuOf(api.cpu),
    api.cpuTargetPercent,
    minTasks,
    api.maxTasks,
    requestPolicyTasks(rps, scaling.requestsPerTargetPerMinute),
  );
}

/**
 * API tasks running in an hour of the week (0 = Monday 00:00 US Eastern). Pass `rps` when looping
 * over the week to skip recomputing the profile.
 */
export function apiTasksForHour(
  spec: PlatformSpec,
  hourOfWeek: number,
  rps: number = rpsByHourOfWeek(spec.workload)[hourOfWeek],
): number {
  return apiSteadyStateTasks(spec, rps, apiMinTasksForHour(spec, hourOfWeek));
}
