/**
 * Analytic approximation of the response-time percentiles under the ALB's per-node routing
 * (routingSimulation.ts "perNodeLeastOutstanding"), cheap enough for the optimizer's search, and
 * the same computation for one shared queue (M/G/c) beside it.
 *
 * The wait for a CPU server, per node (derivation):
 * 1. Node n sends a request to the target where *it* has the fewest outstanding requests. With T
 *    targets and Poisson(λ/N) arrivals at the node, Little's law gives the node's own outstanding
 *    requests per target o = λ·E[R] / (N·T), R = W + S + D the whole response (wait, CPU,
 *    downstream): the node holds them through the downstream phase, so it cannot tell a target
 *    busy on CPU from one waiting on a database.
 * 2. Seen from one target, each node behaves as a small finite population of sources rather than a
 *    Poisson stream: it holds its own o requests there and is about to add one more, and it sends
 *    elsewhere while it is the one loading this target. So the target is a finite-source
 *    (machine-interference) queue with n = N·(1 + o) sources, c CPU servers (the task's processes)
 *    and exponential service: a birth-death chain with birth rate (n - k)·γ and death rate
 *    min(k, c)·μ in state k (Sztrik, Basic Queueing Theory, ch. 12, finite-source M/M/r/n/n:
 *    https://gyires.inf.unideb.hu/GyBITT/16/ch12.html). γ is set so the target's throughput is
 *    λ/T. A non-whole n is interpolated linearly between the two whole numbers around it.
 * 3. An arriving request is one source joining: by the arrival theorem it sees the chain with one
 *    source fewer in its steady state (https://en.wikipedia.org/wiki/Arrival_theorem). Seeing k >= c
 *    it waits for k - c + 1 departures, each Exp(c·μ): P(W > 0) and E[W] follow. o depends on E[W],
 *    so 1-3 repeat to a fixed point (it starts from W = 0 and rises monotonically).
 * 4. Non-exponential CPU time: the mean wait is scaled by (1 + CV²)/2, Lee and Longton's M/G/c
 *    correction (https://en.wikipedia.org/wiki/M/G/k_queue), P(W > 0) kept.
 * In the limits: one node with few outstanding requests never waits (JSQ finds an idle target);
 * many nodes, each with o ≈ 0, give n = N sources; o large gives n large, the Poisson (random
 * routing) limit. It breaks with one task per node or fewer (the node's own queue at a target,
 * which it does see, dominates: the approximation is optimistic there) and with several processes
 * per task and no downstream phase (pessimistic): docs and the tests state the measured error.
 *
 * Shared queue: P(W > 0) is Erlang C for c = tasks × processes and E[W | W > 0] = h / (c - a) with
 * the same (1 + CV²)/2 correction: exact M/M/c when the CPU time is exponential.
 *
 * The response percentile: the wait is taken as 0 with probability 1 - π and Exp(m) otherwise
 * (m = E[W] / π; exact for M/M/c), independent of the request's own CPU time S and downstream D
 * (FIFO). X = S + D comes from a fixed table of seeded samples (built once per pair of
 * distributions), and P(W + X > t) = P(X > t) + π·E[e^{-(t - X)/m}; X <= t] is bisected for t.
 */
import { erlangC } from "./erlangC";
import { RequestTimes, sampler, seededGenerator, squaredCoefficientOfVariation } from "./serviceTime";

export interface RoutingApproximationInput {
  arrivalsPerSecond: number;
  tasks: number;
  processesPerTask: number;
  /** Load-balancer nodes, one per enabled AZ. */
  nodes: number;
  times: RequestTimes;
}

/** The wait for a CPU server: 0 with probability 1 - waitProbability, else exponential. */
export interface WaitApproximation {
  waitProbability: number;
  /** E[W | W > 0] (seconds); Infinity when the queue is unstable. */
  meanWaitWhenWaitingSeconds: number;
}

// Bound once: called in the optimizer's inner loops (Jest's vm sandbox makes global lookups slow).
const { exp, floor, log } = Math;

/** Samples of X = S + D per pair of distributions: enough that the p99 of X moves < 1% between seeds. */
export const RESPONSE_SAMPLES = 16384;
const RESPONSE_SAMPLE_SEED = 20261202;
const FIXED_POINT_ITERATIONS = 100;
/** The fixed point stops when E[W] moves by less than this share: far below the model's own error. */
const FIXED_POINT_TOLERANCE = 1e-6;
/** Halvings of a bisection bracket: 2^-50 of its width, under a nanosecond for these brackets. */
const BISECTION_STEPS = 50;

const UNSTABLE: WaitApproximation = { waitProbability: 1, meanWaitWhenWaitingSeconds: Infinity };

function checkInput(input: RoutingApproximationInput): void {
  if (!(Number.isFinite(input.arrivalsPerSecond) && input.arrivalsPerSecond >= 0)) {
    throw new RangeError(`arrivalsPerSecond must be a finite number >= 0, got ${input.arrivalsPerSecond}`);
  }
  for (const name of ["tasks", "processesPerTask", "nodes"] as const) {
    const value = input[name];
    if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a whole number >= 1, got ${value}`);
  }
}

/**
 * The finite-source queue of one target seen by an arriving request: `sources` sources, `servers`
 * servers, throughput `erlangs` (busy servers on average, in units of the mean service time).
 * Returns P(wait > 0) and E[wait] in mean service times.
 */
export function finiteSourceWait(
  sources: number,
  servers: number,
  erlangs: number,
): { waitProbability: number; meanWaitServices: number } {
  if (erlangs === 0) return { waitProbability: 0, meanWaitServices: 0 };
  if (erlangs >= Math.min(sources, servers))
    throw new RangeError(`${sources} sources on ${servers} servers cannot carry ${erlangs} erlangs`);
  // Unnormalized birth-death weights w_0 = 1, w_k = w_{k-1}·(n - k + 1)·γ / min(k, c); throughput γ·Σ w_k (n - k) / Σ w_k.
  const throughput = (gamma: number): number => {
    let weight = 1;
    let total = 1;
    let idleSources = sources;
    for (let k = 1; k <= sources; k++) {
      weight = (weight * (sources - k + 1) * gamma) / (k < servers ? k : servers);
      total += weight;
      idleSources += weight * (sources - k);
    }
    return (gamma * idleSources) / total;
  };
  // Throughput rises with γ towards min(sources, servers) > erlangs: double a bracket, then bisect it.
  let high = erlangs / sources;
  while (throughput(high) < erlangs) high *= 2;
  let low = 0;
  for (let i = 0; i < BISECTION_STEPS; i++) {
    const middle = (low + high) / 2;
    if (throughput(middle) < erlangs) low = middle;
    else high = middle;
  }
  // The arrival sees the chain of the other sources - 1 (the arrival theorem), with the same γ.
  const others = sources - 1;
  let weight = 1;
  let total = 1;
  let waitProbability = 0;
  let meanWaitServices = 0;
  for (let k = 1; k <= others; k++) {
    weight = (weight * (others - k + 1) * high) / (k < servers ? k : servers);
    total += weight;
    if (k >= servers) {
      waitProbability += weight;
      meanWaitServices += (weight * (k - servers + 1)) / servers;
    }
  }
  waitProbability /= total;
  meanWaitServices /= total;
  return { waitProbability, meanWaitServices };
}

/**
 * The finite-source wait for a non-whole number of sources n: linear between floor(n) and
 * floor(n) + 1. Both can carry the load: n = N·(1 + o) >= 1 + erlangs, because o >= λ·E[S] / (N·T)
 * = erlangs / N, so floor(n) > erlangs; and erlangs < servers is checked before.
 */
function interpolatedWait(
  sources: number,
  servers: number,
  erlangs: number,
): { waitProbability: number; meanWaitServices: number } {
  const below = floor(sources);
  const fraction = sources - below;
  const lower = finiteSourceWait(below, servers, erlangs);
  const upper = finiteSourceWait(below + 1, servers, erlangs);
  return {
    waitProbability: lower.waitProbability + fraction * (upper.waitProbability - lower.waitProbability),
    meanWaitServices: lower.meanWaitServices + fraction * (upper.meanWaitServices - lower.meanWaitServices),
  };
}

/** Lee and Longton's M/G/c factor on the mean wait: 1 for exponential CPU time. */
function serviceVariabilityFactor(times: RequestTimes): number {
  return (1 + squaredCoefficientOfVariation(times.cpu)) / 2;
}

/** The CPU wait under per-node least-outstanding routing (the derivation at the top of this file). */
export function perNodeWait(input: RoutingApproximationInput): WaitApproximation {
  checkInput(input);
  const { arrivalsPerSecond, tasks, processesPerTask, nodes, times } = input;
  const cpuSeconds = times.cpu.meanSeconds;
  const erlangsPerTarget = (arrivalsPerSecond * cpuSeconds) / tasks;
  if (erlangsPerTarget >= processesPerTask) return UNSTABLE;
  const factor = serviceVariabilityFactor(times);
  const perNodePerTarget = arrivalsPerSecond / (nodes * tasks);
  let meanWaitSeconds = 0;
  let wait = { waitProbability: 0, meanWaitServices: 0 };
  for (let i = 0; i < FIXED_POINT_ITERATIONS; i++) {
    const ownOutstanding = perNodePerTarget * (meanWaitSeconds + cpuSeconds + times.downstream.meanSeconds);
    wait = interpolatedWait(nodes * (1 + ownOutstanding), processesPerTask, erlangsPerTarget);
    const updated = wait.meanWaitServices * cpuSeconds * factor;
    const settled = Math.abs(updated - meanWaitSeconds) <= 1e-12 + FIXED_POINT_TOLERANCE * updated;
    meanWaitSeconds = updated;
    if (settled) break;
  }
  if (wait.waitProbability === 0) return { waitProbability: 0, meanWaitWhenWaitingSeconds: 0 };
  return { waitProbability: wait.waitProbability, meanWaitWhenWaitingSeconds: meanWaitSeconds / wait.waitProbability };
}

/** The CPU wait of one shared FIFO queue in front of every process (M/G/c; exact M/M/c when exponential). */
export function sharedQueueWait(input: RoutingApproximationInput): WaitApproximation {
  checkInput(input);
  const servers = input.tasks * input.processesPerTask;
  const offered = input.arrivalsPerSecond * input.times.cpu.meanSeconds;
  const waitProbability = erlangC(servers, offered);
  if (waitProbability === Infinity) return UNSTABLE;
  const conditionalMean = (input.times.cpu.meanSeconds / (servers - offered)) * serviceVariabilityFactor(input.times);
  return { waitProbability, meanWaitWhenWaitingSeconds: waitProbability === 0 ? 0 : conditionalMean };
}

const responseSampleCache = new Map<string, Float64Array>();

/** Sorted samples of S + D for one pair of distributions, drawn once from a fixed seed and kept. */
export function responseSamples(times: RequestTimes): Float64Array {
  const key = JSON.stringify([times.cpu, times.downstream]);
  const cached = responseSampleCache.get(key);
  if (cached) return cached;
  const generator = seededGenerator(RESPONSE_SAMPLE_SEED);
  const drawCpu = sampler(times.cpu, generator);
  const drawDownstream = sampler(times.downstream, generator);
  const samples = new Float64Array(RESPONSE_SAMPLES);
  for (let i = 0; i < RESPONSE_SAMPLES; i++) samples[i] = drawCpu() + drawDownstream();
  samples.sort();
  responseSampleCache.set(key, samples);
  return samples;
}

// Reused by every percentile computation: the optimizer calls it in loops, and the sums are rebuilt each call.
const decayedScratch = new Float64Array(RESPONSE_SAMPLES);

/** Index of the last sample <= t, or -1 (samples ascending). */
function lastAtOrBelow(samples: Float64Array, seconds: number): number {
  let low = 0;
  let high = samples.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (samples[middle] <= seconds) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}

/**
 * The response-time percentile (seconds) for a CPU wait and the request's own times: bisection on
 * P(W + X > t) = 1 - fraction. Infinity when the wait is unbounded.
 */
export function responseTimePercentile(times: RequestTimes, wait: WaitApproximation, fraction: number): number {
  if (!(fraction > 0 && fraction < 1)) throw new RangeError(`fraction must be in (0, 1) such as 0.99, got ${fraction}`);
  if (wait.meanWaitWhenWaitingSeconds === Infinity) return Infinity;
  const samples = responseSamples(times);
  const count = samples.length;
  const { waitProbability } = wait;
  const m = wait.meanWaitWhenWaitingSeconds;
  if (waitProbability === 0 || m === 0) return samples[Math.max(0, Math.ceil(fraction * count) - 1)];
  // decayed[j] = Σ_{k<=j} e^{-(x_j - x_k)/m}: the waited requests' tail seen from sample j, every term <= 1.
  const decayed = decayedScratch;
  decayed[0] = 1;
  for (let j = 1; j < count; j++) decayed[j] = 1 + exp(-(samples[j] - samples[j - 1]) / m) * decayed[j - 1];
  const survival = (seconds: number): number => {
    const j = lastAtOrBelow(samples, seconds);
    const above = (count - 1 - j) / count;
    return j < 0 ? above : above + (waitProbability * exp(-(seconds - samples[j]) / m) * decayed[j]) / count;
  };
  let low = 0;
  let high = samples[count - 1] + m * Math.max(0, log(waitProbability / (1 - fraction)));
  for (let i = 0; i < BISECTION_STEPS; i++) {
    const middle = (low + high) / 2;
    if (survival(middle) > 1 - fraction) low = middle;
    else high = middle;
  }
  return high;
}

/**
 * p99 response time (seconds) under per-node least-outstanding routing: the finite-source estimate,
 * but never below the shared queue's, which no routing beats (one FIFO over all servers idles no
 * server while a request waits). The floor matters with few tasks per node, where the finite-source
 * picture undercounts the queue and balancing over 1-2 targets is close to pooled. P(W > t) = π·e^{-t/m}
 * rises with π and m, so when the per-node wait has both at least the shared one's, its percentile is
 * the larger and the shared one need not be computed.
 */
export function perNodeP99Seconds(input: RoutingApproximationInput): number {
  const perNode = perNodeWait(input);
  const shared = sharedQueueWait(input);
  const perNodeP99 = responseTimePercentile(input.times, perNode, 0.99);
  const dominates =
    perNode.waitProbability >= shared.waitProbability && perNode.meanWaitWhenWaitingSeconds >= shared.meanWaitWhenWaitingSeconds;
  return dominates ? perNodeP99 : Math.max(perNodeP99, responseTimePercentile(input.times, shared, 0.99));
}

/** p99 response time (seconds) of one shared queue (the model latency.ts has today, with general service times). */
export function sharedQueueP99Seconds(input: RoutingApproximationInput): number {
  return responseTimePercentile(input.times, sharedQueueWait(input), 0.99);
}
