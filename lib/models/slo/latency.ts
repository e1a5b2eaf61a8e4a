/**
 * Steady-state p99 response time of the web service for a request rate, a number of tasks in service
 * and a number of load-balancer nodes.
 *
 * Routing: the ALB is one node per enabled AZ; each node sends a request to the target with the
 * fewest outstanding requests *it* has sent
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-target-groups.html#modify-routing-algorithm),
 * counting a request from arrival to response, through its downstream calls. The p99 is the
 * finite-source approximation of that routing (routingApproximation.ts, never below one shared
 * queue), on the grid of p99Curve.ts; the routing simulation (routingSimulation.ts) re-checks the
 * steady states the plan reports (steadyStates.ts). Servers: every application process is one CPU
 * server, c = tasks × processesPerTask per target group. Request times: requestTimes.ts.
 */
import { PlatformSpec, webService } from "../../spec";
import { interpolatedP99Seconds } from "./p99Curve";
import { cpuServiceSeconds, requestTimesOf } from "./requestTimes";

/** The percentile the SLO is written for. */
export const P99 = 0.99;

/** Queue servers for a number of tasks in service. */
export function serverCount(spec: PlatformSpec, tasks: number): number {
  return tasks * webService(spec).processesPerTask;
}

/** Offered load in erlangs: busy servers needed on average. */
export function offeredLoad(spec: PlatformSpec, rps: number): number {
  return rps * cpuServiceSeconds(spec);
}

/**
 * Server utilization, offered load / servers: the busy share of the processes (not ECS's
 * CPUUtilization, which divides by the whole task's vCPU). >= 1 means overloaded; Infinity when
 * requests arrive and no task is in service.
 */
export function utilization(spec: PlatformSpec, rps: number, tasks: number): number {
  const load = offeredLoad(spec, rps);
  return load === 0 ? 0 : load / serverCount(spec, tasks);
}

/**
 * p99 response time (ms) under per-node routing with `nodes` load-balancer nodes (default: one per
 * enabled AZ). Infinity when the tasks cannot carry the rate (utilization >= 1, or no task).
 */
export function p99LatencyMs(spec: PlatformSpec, rps: number, tasks: number, nodes = spec.network.availabilityZoneCount): number {
  if (tasks === 0) return Infinity;
  const key = { times: requestTimesOf(spec), processesPerTask: webService(spec).processesPerTask, nodes, tasks };
  return interpolatedP99Seconds(key, rps) * 1000;
}
