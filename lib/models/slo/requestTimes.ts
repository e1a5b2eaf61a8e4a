/**
 * How long one web request takes at a task, as the spec configures it: CPU time on one application
 * process and the non-CPU latency, each with its configured shape (serviceTime.ts draws and
 * integrates them).
 *
 * CPU: the request's work runs on one process, which gets min(1, taskVcpu / processes) of a vCPU (a
 * single-threaded runtime cannot use more than one; processes split the task's CFS quota), so its
 * mean is cpuMsPerRequest / share. Non-CPU (network, downstream calls): mean nonCpuLatencyMs; it
 * holds no CPU, so it does not occupy a process.
 */
import { vcpuOf } from "../../aws/fargateSizes";
import { PlatformSpec, TimeShape, webService } from "../../spec";
import { checked, deterministic, onProcess, RequestTimes, ServiceTimeDistribution } from "./serviceTime";

/** vCPU available to one application process. */
export function processVcpuShare(spec: PlatformSpec): number {
  const web = webService(spec);
  return Math.min(1, vcpuOf(web.cpu) / web.processesPerTask);
}

/** Mean CPU service time of one request (seconds) on one process. */
export function cpuServiceSeconds(spec: PlatformSpec): number {
  return spec.workload.cpuMsPerRequest / 1000 / processVcpuShare(spec);
}

/** A shape with a mean (seconds); a phase that takes no time on average takes none at all. */
export function distributionOf(shape: TimeShape, meanSeconds: number): ServiceTimeDistribution {
  if (meanSeconds === 0) return deterministic(0);
  return checked({ ...shape, meanSeconds });
}

// A spec is never changed once resolved (applySettings and withWebService copy it), so its request
// times are built once: the scaling simulation asks for them at every 5-s step.
const timesOfSpec = new WeakMap<PlatformSpec, RequestTimes>();

export function requestTimesOf(spec: PlatformSpec): RequestTimes {
  let times = timesOfSpec.get(spec);
  if (times === undefined) {
    const { workload } = spec;
    times = {
      cpu: onProcess(distributionOf(workload.cpuTimeShape, workload.cpuMsPerRequest / 1000), processVcpuShare(spec)),
      downstream: distributionOf(workload.nonCpuLatencyShape, workload.nonCpuLatencyMs / 1000),
    };
    timesOfSpec.set(spec, times);
  }
  return times;
}
