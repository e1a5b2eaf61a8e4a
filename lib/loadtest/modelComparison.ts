/**
 * The SLO model's p99 beside the measured one, for the rate the run achieved. The model is the
 * stack's (lib/models/slo/latency.ts): per-node least-outstanding routing over tasks x
 * processesPerTask CPU servers, each taking the workload's cpuMsPerRequest at its vCPU share, plus
 * the non-CPU latency with its configured shape. A loopback target has no load balancer in front:
 * one dispatcher (the kernel's accept queue), so the model is evaluated with one node there and with
 * one per enabled AZ for a deployed stack.
 *
 * Which task count: --tasks when given; else 1 for a loopback target, which is one local process
 * (`npm run service`), so one task only when the stack's processesPerTask is 1; else what target
 * tracking settles on at that rate with the stack's business-hours minimum (webTaskCount.ts), the
 * fleet a deployed stack runs while it is load-tested in the day. That count is reported either way.
 */
import { webSteadyStateTasks } from "../models/fleet/webTaskCount";
import { roundTo } from "../models/round";
import { p99LatencyMs } from "../models/slo/latency";
import { PlatformSpec, TimeShape, webService } from "../spec";

export type TasksFrom = "--tasks" | "loopback" | "stack";

export interface ModelComparison {
  stack: string;
  /** The achieved rate the model is evaluated at. */
  rps: number;
  measuredP99Ms: number | null;
  /** Tasks the predicted p99 is for, and why that many. */
  tasks: number;
  tasksFrom: TasksFrom;
  /** Load-balancer nodes the prediction assumes: 1 on loopback (no ALB), else one per enabled AZ. */
  nodes: number;
  /** The model's p99 at `tasks`; null when its queue has no steady state there (utilization >= 1). */
  predictedP99Ms: number | null;
  /** Tasks the stack's model runs at that rate (business-hours minimum), and its p99 there. */
  stackTasks: number;
  stackPredictedP99Ms: number | null;
  processesPerTask: number;
  targetP99Ms: number;
  /** What the model assumes every request costs. */
  cpuMsPerRequest: number;
  cpuTimeShape: TimeShape;
  nonCpuLatencyMs: number;
  nonCpuLatencyShape: TimeShape;
}

export interface TaskChoice {
  /** --tasks */
  override?: number;
  loopback: boolean;
}

/** The model's p99 rounded to 0.01 ms like the measured one; null for an overloaded queue (Infinity). */
function predictedP99Ms(spec: PlatformSpec, rps: number, tasks: number, nodes: number): number | null {
  const p99 = p99LatencyMs(spec, rps, tasks, nodes);
  return Number.isFinite(p99) ? roundTo(p99, 2) : null;
}

export function compareWithModel(
  spec: PlatformSpec,
  rps: number,
  measuredP99Ms: number | null,
  choice: TaskChoice,
): ModelComparison {
  const web = webService(spec);
  const stackTasks = webSteadyStateTasks(spec, rps, web.minTasks);
  const [tasks, tasksFrom]: [number, TasksFrom] =
    choice.override !== undefined ? [choice.override, "--tasks"] : choice.loopback ? [1, "loopback"] : [stackTasks, "stack"];
  const nodes = choice.loopback ? 1 : spec.network.availabilityZoneCount;
  return {
    stack: spec.stack,
    rps,
    measuredP99Ms,
    tasks,
    tasksFrom,
    nodes,
    predictedP99Ms: predictedP99Ms(spec, rps, tasks, nodes),
    stackTasks,
    stackPredictedP99Ms: predictedP99Ms(spec, rps, stackTasks, spec.network.availabilityZoneCount),
    processesPerTask: web.processesPerTask,
    targetP99Ms: spec.slo.targetP99Ms,
    cpuMsPerRequest: spec.workload.cpuMsPerRequest,
    cpuTimeShape: spec.workload.cpuTimeShape,
    nonCpuLatencyMs: spec.workload.nonCpuLatencyMs,
    nonCpuLatencyShape: spec.workload.nonCpuLatencyShape,
  };
}
