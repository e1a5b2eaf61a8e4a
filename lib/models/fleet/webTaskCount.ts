/**
 * Web-service tasks in an hour of the reference week: the one rule the cost model and the SLO model
 * share, so both price and time the same fleet. Tasks = the target-tracking steady state
 * (steadyState.ts) for the hour's request rate: the larger of what the CPU policy and the ALB
 * request-count policy ask for (ECS scales out if any policy asks), clamped to the hour's
 * autoscaling minimum and the maximum. The memory policy is not modelled (the app's memory does not
 * grow with load; see docs/slo-model.md).
 */
import { vcpuOf } from "../../aws/fargateSizes";
import { PlatformSpec, webService } from "../../spec";
import { businessHoursWindow, isWeekend, rpsByHourOfWeek, webVcpuDemand } from "../../spec/workload";
import { requestPolicyTasks, steadyStateTasks } from "./steadyState";

/**
 * Off hours for scheduled scaling: weekends, and weekday hours outside the window the scheduled
 * actions raise and lower the minimum at (businessHoursWindow, lib/spec/workload.ts). The ramps count
 * as business hours, so the lowered minimum never cuts capacity while traffic climbs.
 */
export function isOffHours(spec: PlatformSpec, hourOfWeek: number): boolean {
  if (isWeekend(hourOfWeek)) return true;
  const hourOfDay = hourOfWeek % 24;
  const { raiseHour, lowerHour } = businessHoursWindow(spec.workload);
  return hourOfDay < raiseHour || hourOfDay >= lowerHour;
}

/** The web service's autoscaling minimum in an hour: offHoursMinTasks off hours when scheduled scaling is on. */
export function webMinTasksForHour(spec: PlatformSpec, hourOfWeek: number): number {
  const web = webService(spec);
  return web.scheduledScaling && isOffHours(spec, hourOfWeek) ? web.offHoursMinTasks : web.minTasks;
}

/** Tasks target tracking settles on for a request rate and a minimum: max(CPU, request count), clamped. */
export function webSteadyStateTasks(spec: PlatformSpec, rps: number, minTasks: number): number {
  const web = webService(spec);
  return steadyStateTasks(
    webVcpuDemand(spec.workload, rps),
    vcpuOf(web.cpu),
    web.cpuTargetPercent,
    minTasks,
    web.maxTasks,
    requestPolicyTasks(rps, web.requestsPerTargetPerMinute),
  );
}

/**
 * Web-service tasks running in an hour of the week (0 = Monday 00:00 US Eastern). Pass `rps` when
 * looping over the week to skip recomputing the profile.
 */
export function webTasksForHour(
  spec: PlatformSpec,
  hourOfWeek: number,
  rps: number = rpsByHourOfWeek(spec.workload)[hourOfWeek],
): number {
  return webSteadyStateTasks(spec, rps, webMinTasksForHour(spec, hourOfWeek));
}
