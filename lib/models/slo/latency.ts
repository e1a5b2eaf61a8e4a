/**
 * Steady-state p99 response time of the web service for a request rate and a number of tasks in service.
 *
 * Servers: every application process is one server, c = tasks × processesPerTask. The ALB routes
 * with least outstanding requests
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-target-groups.html#modify-routing-algorithm),
 * which sends each request to an idle target while one exists; that is modelled as one shared FIFO
 * queue in front of all c slots (M/M/c). Real routing is per target and per load-balancer node,
 * so this is the optimistic end of the queueing part.
 *
 * Service time: the request's CPU work runs on one process, which gets min(1, taskVcpu / processes)
 * of a vCPU (a single-threaded runtime cannot use more than one; processes split the task's CFS
 * quota), so h = cpuMsPerRequest / share. The CPU part is taken as exponential (the M/M/c
 * assumption behind Erlang C), and the p99 is the exact p99 of the M/M/c sojourn time (wait plus
 * own service). The non-CPU part (network, downstream calls) is a fixed workload.nonCpuLatencyMs
 * added on top: it holds no CPU, so it does not occupy a server.
 */
import { vcpuOf } from "../../aws/fargateSizes";
import { PlatformSpec, webService } from "../../spec";
import { sojournTimePercentile } from "./erlangC";

/** The percentile the SLO is written for. */
export const P99 = 0.99;

/** vCPU available to one application process. */
export function processVcpuShare(spec: PlatformSpec): number {
  const web = webService(spec);
  return Math.min(1, vcpuOf(web.cpu) / web.processesPerTask);
}

/** Mean CPU service time of one request (seconds) on one process. */
export function cpuServiceSeconds(spec: PlatformSpec): number {
  return spec.workload.cpuMsPerRequest / 1000 / processVcpuShare(spec);
}

/** Queue servers for a number of tasks in service. */
export function serverCount(spec: PlatformSpec, tasks: number): number {
  return tasks * webService(spec).processesPerTask;
}

/** Offered load in erlangs: busy servers needed on average. */
export function offeredLoad(spec: PlatformSpec, rps: number): number {
  return rps * cpuServiceSeconds(spec);
}

/**
 * Server utilization of the queue, offered load / servers: the busy share of the processes (not
 * ECS's CPUUtilization, which divides by the whole task's vCPU). >= 1 means overloaded; Infinity
 * when requests arrive and no task is in service.
 */
export function utilization(spec: PlatformSpec, rps: number, tasks: number): number {
  const load = offeredLoad(spec, rps);
  return load === 0 ? 0 : load / serverCount(spec, tasks);
}

/**
 * p99 response time (ms) at the target: M/M/c sojourn p99 plus the fixed non-CPU latency.
 * Infinity when the queue is unstable (utilization >= 1 or no task).
 */
export function p99LatencyMs(spec: PlatformSpec, rps: number, tasks: number): number {
  const sojourn = sojournTimePercentile(serverCount(spec, tasks), offeredLoad(spec, rps), cpuServiceSeconds(spec), P99);
  return sojourn * 1000 + spec.workload.nonCpuLatencyMs;
}
