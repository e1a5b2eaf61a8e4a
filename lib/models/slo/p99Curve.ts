/**
 * The per-node routing p99 (routingApproximation.ts perNodeP99Seconds) as a function of the request
 * rate, for one set of request times, processes per task, nodes and tasks, computed exactly on a
 * fixed grid of utilizations and linearly interpolated between its points.
 *
 * Why: the scaling simulation asks for a p99 every 5-s step (17,280 steps in the diurnal day, each
 * with a new rate on the ramps) and the optimizer simulates hundreds of candidates; one exact call
 * costs about 0.15 ms. Grid points are computed once per process and shared by every caller.
 *
 * The grid: utilization ρ_k = 1 - 2^(-k/8), k = 0..GRID_POINTS - 1 (0 up to 0.9990), so the points
 * are dense where the p99 bends (near 1: eight points per halving of the distance to saturation).
 * Between points the interpolation is within 1.1% of the exact value (measured over 1-40 tasks, 2-3
 * nodes and two pairs of request times by the unit test; it can be on either side, because the
 * exact value switches between the per-node and the shared-queue estimate and reads a sample
 * table). Above the last point (ρ > 0.999) the exact value is computed: a steady state that close
 * to saturation is far over any target anyway.
 */
import { perNodeP99Seconds } from "./routingApproximation";
import { RequestTimes } from "./serviceTime";

export const GRID_POINTS = 80;
/** Points per halving of 1 - ρ. */
const POINTS_PER_HALVING = 8;

export interface CurveKey {
  times: RequestTimes;
  processesPerTask: number;
  nodes: number;
  tasks: number;
}

/** Utilization of grid point k. */
export function gridUtilization(k: number): number {
  return 1 - 2 ** (-k / POINTS_PER_HALVING);
}

const pointCache = new Map<string, number>();

// The cache key of a pair of request times, built once per object (the simulation passes the same one every step).
const timesIds = new WeakMap<RequestTimes, string>();
function timesId(times: RequestTimes): string {
  let id = timesIds.get(times);
  if (id === undefined) {
    id = JSON.stringify(times);
    timesIds.set(times, id);
  }
  return id;
}

/** p99 (seconds) at grid point k: exact, cached. */
function pointP99(key: CurveKey, prefix: string, k: number, capacityRps: number): number {
  const id = `${prefix}|${k}`;
  let value = pointCache.get(id);
  if (value === undefined) {
    value = exactP99(key, gridUtilization(k) * capacityRps);
    pointCache.set(id, value);
  }
  return value;
}

function exactP99(key: CurveKey, arrivalsPerSecond: number): number {
  return perNodeP99Seconds({
    arrivalsPerSecond,
    tasks: key.tasks,
    processesPerTask: key.processesPerTask,
    nodes: key.nodes,
    times: key.times,
  });
}

/**
 * p99 response time (seconds) at a request rate under per-node routing; Infinity when the tasks'
 * processes cannot carry the rate (utilization >= 1).
 */
export function interpolatedP99Seconds(key: CurveKey, arrivalsPerSecond: number): number {
  const capacityRps = (key.tasks * key.processesPerTask) / key.times.cpu.meanSeconds;
  const rho = arrivalsPerSecond / capacityRps;
  if (rho >= 1) return Infinity;
  // Position on the grid: k = -8 log2(1 - ρ).
  const position = -POINTS_PER_HALVING * Math.log2(1 - rho);
  const below = Math.floor(position);
  if (below >= GRID_POINTS - 1) return exactP99(key, arrivalsPerSecond);
  const prefix = `${timesId(key.times)}|${key.processesPerTask}|${key.nodes}|${key.tasks}`;
  const low = pointP99(key, prefix, below, capacityRps);
  const high = pointP99(key, prefix, below + 1, capacityRps);
  const lowRho = gridUtilization(below);
  const fraction = (rho - lowRho) / (gridUtilization(below + 1) - lowRho);
  return low + fraction * (high - low);
}
