/**
 * Target-tracking steady state, shared by the cost model and the SLO model so both see the same
 * hourly task counts: tasks = clamp(ceil(demand / (taskVcpu x target)), min, max).
 */
export function steadyStateTasks(
  demandVcpu: number,
  taskVcpu: number,
  cpuTargetPercent: number,
  minTasks: number,
  maxTasks: number,
): number {
  const needed = Math.ceil(demandVcpu / (taskVcpu * (cpuTargetPercent / 100)) - 1e-9);
  return Math.min(maxTasks, Math.max(minTasks, needed));
}

export interface CapacitySplit {
  onDemand: number;
  spot: number;
}

/**
 * How ECS spreads `tasks` over a FARGATE (base + weight) / FARGATE_SPOT (weight) strategy: the base
 * goes on-demand first, the rest by weight. Rounding gives the on-demand side the odd task, so the
 * cost model never underestimates on-demand spend.
 */
export function splitByCapacityProvider(
  tasks: number,
  onDemandBase: number,
  onDemandWeight: number,
  spotWeight: number,
): CapacitySplit {
  const base = Math.min(tasks, onDemandBase);
  const rest = tasks - base;
  const onDemandRest = Math.ceil((rest * onDemandWeight) / (onDemandWeight + spotWeight) - 1e-9);
  return { onDemand: base + onDemandRest, spot: rest - onDemandRest };
}
