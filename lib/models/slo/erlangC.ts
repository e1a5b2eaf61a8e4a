/**
 * The M/M/c queue: Poisson arrivals, exponential service, c identical servers, one FIFO queue.
 * Formulas:
 *   https://en.wikipedia.org/wiki/Erlang_(unit)#Erlang_C_formula
 *   https://en.wikipedia.org/wiki/M/M/c_queue
 *
 * Erlang C is computed from the Erlang B recursion B(0) = 1, B(k) = a·B(k-1) / (k + a·B(k-1)) and
 * C = c·B / (c - a·(1 - B)). Every term stays in [0, 1], so thousands of servers neither overflow
 * (a^c / c! would at c ≈ 170) nor lose precision the way summing the series does.
 *
 * An unstable queue (utilization a / c >= 1) has no steady state: every function returns Infinity
 * for it, never NaN, so a caller comparing against a latency target sees "too slow", not "unknown".
 */

// Bound once: the bisection calls these millions of times, and under Jest's vm sandbox every
// global `Math.x` lookup is ~25 times slower than a module constant.
const { abs, exp, log } = Math;

function checkQueue(servers: number, offeredLoad: number): void {
  if (!Number.isInteger(servers) || servers < 0) throw new RangeError(`servers must be a whole number >= 0, got ${servers}`);
  if (!Number.isFinite(offeredLoad) || offeredLoad < 0)
    throw new RangeError(`offeredLoad must be a finite number >= 0, got ${offeredLoad}`);
}

function checkTimeAndPercentile(meanServiceSeconds: number, percentile: number): void {
  if (!(meanServiceSeconds > 0) || !Number.isFinite(meanServiceSeconds)) {
    throw new RangeError(`meanServiceSeconds must be a finite number > 0, got ${meanServiceSeconds}`);
  }
  if (!(percentile > 0 && percentile < 1))
    throw new RangeError(`percentile must be a fraction in (0, 1) such as 0.99, got ${percentile}`);
}

/** True when the queue has a steady state: at least one server and utilization below 1. */
export function isStable(servers: number, offeredLoad: number): boolean {
  return servers > 0 && offeredLoad < servers;
}

/** Erlang B: the probability that all `servers` are busy in a loss system offered `offeredLoad` erlangs. */
export function erlangB(servers: number, offeredLoad: number): number {
  checkQueue(servers, offeredLoad);
  let blocking = 1;
  for (let k = 1; k <= servers; k++) blocking = (offeredLoad * blocking) / (k + offeredLoad * blocking);
  return blocking;
}

/**
 * Erlang C: the probability that an arriving request waits (all servers busy). 0 with no load,
 * Infinity when the queue is unstable (utilization >= 1 or no server).
 */
export function erlangC(servers: number, offeredLoad: number): number {
  checkQueue(servers, offeredLoad);
  if (!isStable(servers, offeredLoad)) return Infinity;
  const blocking = erlangB(servers, offeredLoad);
  return (servers * blocking) / (servers - offeredLoad * (1 - blocking));
}

/**
 * Waiting-time percentile (seconds) before service starts: P(Wq > t) = C·exp(-(c - a)·t / h), so
 * t_p = h / (c - a) · ln(C / (1 - p)) when p > 1 - C, else 0 (that share of requests never waits).
 */
export function waitTimePercentile(servers: number, offeredLoad: number, meanServiceSeconds: number, percentile: number): number {
  checkTimeAndPercentile(meanServiceSeconds, percentile);
  const waitProbability = erlangC(servers, offeredLoad);
  if (waitProbability === Infinity) return Infinity;
  if (percentile <= 1 - waitProbability) return 0;
  return (meanServiceSeconds / (servers - offeredLoad)) * log(waitProbability / (1 - percentile));
}

/**
 * P(T > t) for the sojourn time T = Wq + S of an M/M/c queue (FIFO; the wait and the request's own
 * exponential service S are independent). With μ = 1/h and θ = (c - a)·μ, Wq is 0 with
 * probability 1 - C and Exp(θ) otherwise, so
 *   P(T > t) = (1 - C)·e^{-μt} + C·P(Exp(θ) + Exp(μ) > t),
 * where the hypoexponential tail is (θ·e^{-μt} - μ·e^{-θt}) / (θ - μ), or (1 + μt)·e^{-μt} when θ = μ.
 */
export function sojournTimeSurvival(servers: number, offeredLoad: number, meanServiceSeconds: number, seconds: number): number {
  const waitProbability = erlangC(servers, offeredLoad);
  if (waitProbability === Infinity) return 1;
  return stableSojournSurvival(waitProbability, servers - offeredLoad, meanServiceSeconds, seconds);
}

/** P(T > t) of a stable queue given its Erlang C and spare servers c - a (computed once by the caller). */
function stableSojournSurvival(
  waitProbability: number,
  spareServers: number,
  meanServiceSeconds: number,
  seconds: number,
): number {
  const mu = 1 / meanServiceSeconds;
  const theta = spareServers * mu;
  const service = exp(-mu * seconds);
  // Near θ = μ the difference quotient cancels catastrophically; the limit is exact to ~1e-9 there.
  const waitedTail =
    abs(theta - mu) < 1e-9 * mu ? (1 + mu * seconds) * service : (theta * service - mu * exp(-theta * seconds)) / (theta - mu);
  return (1 - waitProbability) * service + waitProbability * waitedTail;
}

/**
 * Sojourn-time (wait + service) percentile in seconds of the M/M/c queue, by bisection on
 * P(T > t) = 1 - p. Bracket: P(T > t1 + t2) <= P(Wq > t1) + P(S > t2), so taking each tail at
 * (1 - p) / 2 gives an upper bound.
 */
export function sojournTimePercentile(
  servers: number,
  offeredLoad: number,
  meanServiceSeconds: number,
  percentile: number,
): number {
  checkTimeAndPercentile(meanServiceSeconds, percentile);
  const halfTail = (1 - percentile) / 2;
  const waitBound = waitTimePercentile(servers, offeredLoad, meanServiceSeconds, 1 - halfTail);
  if (waitBound === Infinity) return Infinity;
  const waitProbability = erlangC(servers, offeredLoad);
  let low = 0;
  let high = waitBound + meanServiceSeconds * log(1 / halfTail);
  // 60 halvings shrink the bracket below 1e-18 of its width: far under a microsecond.
  for (let i = 0; i < 60; i++) {
    const middle = (low + high) / 2;
    if (stableSojournSurvival(waitProbability, servers - offeredLoad, meanServiceSeconds, middle) > 1 - percentile) low = middle;
    else high = middle;
  }
  return high;
}
