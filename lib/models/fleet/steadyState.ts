/**
 * Target-tracking steady state, shared by the cost model and the SLO model so both see the same
 * hourly task counts. Each policy asks for the tasks that bring its metric to its target; ECS
 * scales out if any policy asks and scales in only when all agree, so the steady state is the
 * largest ask, clamped to [min, max]
 * (https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-target-tracking.html).
 */

/** Float noise (0.1 + 0.2 and friends) must not add a task: ceil(x - EPSILON). */
const EPSILON = 1e-9;

/** Tasks the CPU policy asks for: ceil(demand / (taskVcpu x target)), unclamped. */
export function cpuPolicyTasks(demandVcpu: number, taskVcpu: number, cpuTargetPercent: number): number {
  return Math.ceil(demandVcpu / (taskVcpu * (cpuTargetPercent / 100)) - EPSILON);
}

/**
 * Tasks the ALBRequestCountPerTarget policy asks for: ceil(requests per minute / target per task),
 * unclamped. The metric is the target group's requests per healthy target per minute
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html).
 */
export function requestPolicyTasks(rps: number, requestsPerTargetPerMinute: number): number {
  return Math.ceil((rps * 60) / requestsPerTargetPerMinute - EPSILON);
}

/**
 * tasks = clamp(max(ceil(demand / (taskVcpu x target)), otherPolicyTasks), min, max), where
 * `otherPolicyTasks` is what the service's other target-tracking policies ask for (the API's
 * request-count policy; 0 for a service with the CPU policy only).
 */
export function steadyStateTasks(
  demandVcpu: number,
  taskVcpu: number,
  cpuTargetPercent: number,
  minTasks: number,
  maxTasks: number,
  otherPolicyTasks = 0,
): number {
  const needed = Math.max(cpuPolicyTasks(demandVcpu, taskVcpu, cpuTargetPercent), otherPolicyTasks);
  return Math.min(maxTasks, Math.max(minTasks, needed));
}

export interface CapacitySplit {
  onDemand: number;
  spot: number;
}

/**
 * How ECS spreads `tasks` over a FARGATE (base + weight) / FARGATE_SPOT (weight) strategy: the base
 * goes on-demand first, the rest by weight. AWS documents the weights as a ratio, not how a
 * remainder rounds
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CapacityProviderStrategyItem.html),
 * so each model takes the side that is worse for it: the cost model gives the odd task to
 * on-demand (it never underestimates on-demand spend), the SLO model to Spot (a Spot reclaim never
 * leaves more on-demand tasks than ECS might).
 */
export function splitByCapacityProvider(
  tasks: number,
  onDemandBase: number,
  onDemandWeight: number,
  spotWeight: number,
  oddTaskTo: "onDemand" | "spot" = "onDemand",
): CapacitySplit {
  const base = Math.min(tasks, onDemandBase);
  const rest = tasks - base;
  const share = (rest * onDemandWeight) / (onDemandWeight + spotWeight);
  const onDemandRest = oddTaskTo === "onDemand" ? Math.ceil(share - EPSILON) : Math.floor(share + EPSILON);
  return { onDemand: base + onDemandRest, spot: rest - onDemandRest };
}
