/**
 * The emulated downstream (card network) wait of one payment request, drawn around DOWNSTREAM_MS
 * with DOWNSTREAM_SHAPE: the shape the platform's SLO model gives the non-CPU latency
 * (workloadNonCpuLatencyShape), so a load test of the reference service meets the tail the model
 * predicts instead of a fixed delay. The formulas are the model's (its sampler draws the same way):
 * - fixed: always the mean (the platform's "deterministic");
 * - exponential: -mean·ln(U), inversion (https://en.wikipedia.org/wiki/Exponential_distribution);
 * - lognormal with coefficient of variation CV: exp(μ + σ·Z) with σ² = ln(1 + CV²) and
 *   μ = ln(mean) - σ²/2, which has the given mean and CV
 *   (https://en.wikipedia.org/wiki/Log-normal_distribution); Z standard normal by Box-Muller,
 *   Z = sqrt(-2·ln(U1))·cos(2π·U2) (https://en.wikipedia.org/wiki/Box%E2%80%93Muller_transform).
 * U and U1 are 1 - random(), in (0, 1], so ln never sees 0; random() is Math.random unless a test
 * injects a sequence.
 *
 * Every random draw is capped at `capMs` (downstreamCapMs), so one request's wait is bounded: the
 * idempotency lease (start.ts) is sized on the cap, not the mean.
 */

/** DOWNSTREAM_SHAPE as read (config.ts): the lognormal's CV as a fraction (DOWNSTREAM_CV_PERCENT / 100). */
export type DownstreamShape = { kind: "fixed" } | { kind: "exponential" } | { kind: "lognormal"; coefficientOfVariation: number };

/** A uniform source in [0, 1), like Math.random. */
export type Random = () => number;

/**
 * A random draw is at most this multiple of the mean: 3 s for the default 30 ms, which keeps the
 * idempotency lease at its 10 s floor (2 x (10 ms + 3 s) < 10 s). A capped draw waits the cap, so
 * the cap takes E[(X - cap)+] off the mean and nearly nothing off the percentiles the model uses:
 * a lognormal with CV 1 exceeds 100 x its mean with probability 1.4e-9 (its p99 is 4.9 x the
 * mean; 0.000002% of the mean lost), with CV 3 7.4e-5 (p99 10.8 x; 0.4% lost), with CV 10, the
 * largest the platform accepts, 6.5e-4 (p99 14.7 x; 7.8% lost). An exponential cannot reach it
 * from Math.random's doubles (at most -ln(2^-53) = 36.7 x the mean).
 */
export const DOWNSTREAM_CAP_MEAN_MULTIPLE = 100;

/**
 * And at most 30 s whatever the mean: with WORK_MS (at most 10 s) one request's emulated time stays
 * under 40 s, inside the ALB's default 60 s idle timeout
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/edit-load-balancer-attributes.html#connection-idle-timeout),
 * and the lease at most 2 x (10 s + 30 s) = 80 s. (The service does not know the stack's idle
 * timeout: with an albIdleTimeoutSeconds below WORK_MS + the cap, a rare long draw ends in the ALB's
 * 504, as a downstream call that slow would.) It binds from DOWNSTREAM_MS = 300 up, where the
 * emulated mean falls below DOWNSTREAM_MS: by 0.002% for a lognormal with CV 1 and a 1,000 ms
 * mean, by 5.9% with a 10,000 ms mean (the largest the platform accepts).
 */
export const DOWNSTREAM_CAP_MAX_MS = 30_000;

/** The longest single wait: the mean itself when fixed (or 0), else min(100 x mean, 30 s). */
export function downstreamCapMs(meanMs: number, shape: DownstreamShape): number {
  if (shape.kind === "fixed" || meanMs === 0) return meanMs;
  return Math.min(DOWNSTREAM_CAP_MEAN_MULTIPLE * meanMs, DOWNSTREAM_CAP_MAX_MS);
}

export interface DownstreamDelay {
  meanMs: number;
  /** No draw exceeds it (downstreamCapMs). */
  capMs: number;
  /** One wait in milliseconds, in [0, capMs]. */
  draw: () => number;
}

/** random(), refused outside [0, 1): a source that can return 1 (or NaN) would make ln(0) or NaN. */
function uniform(random: Random): number {
  const r = random();
  if (!(r >= 0 && r < 1)) throw new RangeError(`random() must return a number in [0, 1), like Math.random; got ${r}`);
  return r;
}

/** 1 - random(), in (0, 1]: ln never sees 0. */
const openAtZero = (random: Random): number => 1 - uniform(random);

/** The draws of `shape` around `meanMs` (>= 0) from `random`; a mean of 0 waits 0 whatever the shape. */
export function downstreamDelay(meanMs: number, shape: DownstreamShape, random: Random = Math.random): DownstreamDelay {
  if (!(Number.isFinite(meanMs) && meanMs >= 0))
    throw new RangeError(`downstream meanMs must be a finite number >= 0, got ${meanMs}`);
  const capMs = downstreamCapMs(meanMs, shape);
  if (shape.kind === "fixed" || meanMs === 0) return { meanMs, capMs, draw: () => meanMs };
  if (shape.kind === "exponential") {
    // ln(1 / U), not -ln(U): U = 1 draws 0, not -0.
    return { meanMs, capMs, draw: () => Math.min(capMs, meanMs * Math.log(1 / openAtZero(random))) };
  }
  const cv = shape.coefficientOfVariation;
  if (!(Number.isFinite(cv) && cv > 0))
    throw new RangeError(`lognormal coefficientOfVariation must be a finite number > 0, got ${cv}`);
  const sigma = Math.sqrt(Math.log(1 + cv * cv));
  const mu = Math.log(meanMs) - (sigma * sigma) / 2;
  return {
    meanMs,
    capMs,
    draw: () => {
      const normal = Math.sqrt(-2 * Math.log(openAtZero(random))) * Math.cos(2 * Math.PI * uniform(random));
      return Math.min(capMs, Math.exp(mu + sigma * normal));
    },
  };
}
