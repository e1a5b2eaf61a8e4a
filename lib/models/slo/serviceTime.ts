/**
 * Service-time distributions of one request, with their moments and a seeded sampler.
 *
 * A request's time at a target is two phases, each with its own distribution:
 * - CPU time on one application process. A task runs `processesPerTask` single-threaded processes
 *   that split the task's vCPU (latency.ts `processVcpuShare`: min(1, taskVcpu / processes)), so a
 *   request that needs `cpuMsPerRequest` of one full vCPU takes cpuMsPerRequest / share on its
 *   process: `onProcess` scales a distribution by that share. Each process is one CPU server.
 * - Downstream (non-CPU) latency: network, database, card-network calls. It holds no CPU server.
 *
 * Shapes (each given by its mean; the lognormal also by its coefficient of variation, CV = sd / mean):
 * - exponential: CV 1, the M/M/c assumption behind Erlang C (https://en.wikipedia.org/wiki/Exponential_distribution);
 * - lognormal: any CV, a heavier right tail for the same CV than a gamma; with σ² = ln(1 + CV²) and
 *   μ = ln(mean) - σ²/2 it has the given mean and CV (https://en.wikipedia.org/wiki/Log-normal_distribution);
 * - deterministic: CV 0, always the mean (the current model's fixed non-CPU latency).
 */
import { RandomGenerator, xoroshiro128plus } from "pure-rand";

export type ServiceTimeDistribution =
  | { kind: "exponential"; meanSeconds: number }
  | { kind: "lognormal"; meanSeconds: number; coefficientOfVariation: number }
  | { kind: "deterministic"; meanSeconds: number };

/** The two phases of a request at a target. */
export interface RequestTimes {
  /** CPU time on one process (already scaled by the process's vCPU share: `onProcess`). */
  cpu: ServiceTimeDistribution;
  /** Downstream (non-CPU) latency: holds no CPU server. */
  downstream: ServiceTimeDistribution;
}

/** Draws one value (seconds) per call from a distribution. */
export type Sampler = () => number;

// Bound once: samplers run millions of times, and under Jest's vm sandbox a global `Math.x` lookup is slow.
const { cos, exp, log, sqrt, PI } = Math;

export function exponential(meanSeconds: number): ServiceTimeDistribution {
  return checked({ kind: "exponential", meanSeconds });
}

export function lognormal(meanSeconds: number, coefficientOfVariation: number): ServiceTimeDistribution {
  return checked({ kind: "lognormal", meanSeconds, coefficientOfVariation });
}

export function deterministic(meanSeconds: number): ServiceTimeDistribution {
  return checked({ kind: "deterministic", meanSeconds });
}

/**
 * Refuses a distribution that has no meaning: a mean that is negative, not finite, or zero for a
 * random shape (only a deterministic phase may take no time), or a lognormal CV that is not > 0.
 */
export function checked(distribution: ServiceTimeDistribution): ServiceTimeDistribution {
  const { kind, meanSeconds } = distribution;
  const least = kind === "deterministic" ? "finite number >= 0" : "finite number > 0";
  const valid = Number.isFinite(meanSeconds) && (kind === "deterministic" ? meanSeconds >= 0 : meanSeconds > 0);
  if (!valid) throw new RangeError(`${kind} meanSeconds must be a ${least}, got ${meanSeconds}`);
  if (kind === "lognormal") {
    const cv = distribution.coefficientOfVariation;
    if (!(Number.isFinite(cv) && cv > 0)) {
      throw new RangeError(`lognormal coefficientOfVariation must be a finite number > 0 (use deterministic for 0), got ${cv}`);
    }
  }
  return distribution;
}

/** Squared coefficient of variation, variance / mean²: 1 exponential, CV² lognormal, 0 deterministic. */
export function squaredCoefficientOfVariation(distribution: ServiceTimeDistribution): number {
  if (distribution.kind === "exponential") return 1;
  if (distribution.kind === "lognormal") return distribution.coefficientOfVariation ** 2;
  return 0;
}

export function variance(distribution: ServiceTimeDistribution): number {
  return squaredCoefficientOfVariation(distribution) * distribution.meanSeconds ** 2;
}

/** E[X²] = variance + mean². */
export function secondMoment(distribution: ServiceTimeDistribution): number {
  return variance(distribution) + distribution.meanSeconds ** 2;
}

/** The same shape (same CV) with every value multiplied by `factor` (> 0). */
export function scaled(distribution: ServiceTimeDistribution, factor: number): ServiceTimeDistribution {
  if (!(Number.isFinite(factor) && factor > 0)) throw new RangeError(`scale factor must be a finite number > 0, got ${factor}`);
  return checked({ ...distribution, meanSeconds: distribution.meanSeconds * factor });
}

/**
 * CPU time on one process from the CPU time on a full vCPU: a process gets `processVcpuShare`
 * (latency.ts `processVcpuShare(spec)`, in (0, 1]) of a vCPU, so every request takes 1 / share as long.
 */
export function onProcess(cpuOnFullVcpu: ServiceTimeDistribution, processVcpuShare: number): ServiceTimeDistribution {
  if (!(processVcpuShare > 0 && processVcpuShare <= 1)) {
    throw new RangeError(`processVcpuShare must be in (0, 1] (latency.ts processVcpuShare), got ${processVcpuShare}`);
  }
  return scaled(cpuOnFullVcpu, 1 / processVcpuShare);
}

/** A seeded pseudo-random generator (xoroshiro128+, pure-rand's recommended one); the seed is a 32-bit integer. */
export function seededGenerator(seed: number): RandomGenerator {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  return xoroshiro128plus(seed);
}

/** 2^-26 and 2^-53: two draws of 26 and 27 bits make one double with 53 random bits. */
const TWO_TO_MINUS_26 = 2 ** -26;
const TWO_TO_MINUS_53 = 2 ** -53;

/** A uniform draw in [0, 1), a multiple of 2^-53 (what pure-rand 8's uniformFloat64 does; 7 has none). */
export function uniformFloat64(generator: RandomGenerator): number {
  const high = generator.unsafeNext() & 0x3ffffff;
  const low = generator.unsafeNext() & 0x7ffffff;
  return high * TWO_TO_MINUS_26 + low * TWO_TO_MINUS_53;
}

/** A uniform draw in (0, 1]: never 0, so -ln(u) and ln(u) stay finite. */
export function uniformOpenAtZero(generator: RandomGenerator): number {
  return 1 - uniformFloat64(generator);
}

/**
 * A sampler drawing from `distribution` with `generator` (which it advances). Exponential by
 * inversion, -mean·ln(u); lognormal as exp(μ + σ·Z) with Z standard normal by Box-Muller
 * (https://en.wikipedia.org/wiki/Box%E2%80%93Muller_transform), one normal per pair of uniforms.
 */
export function sampler(distribution: ServiceTimeDistribution, generator: RandomGenerator): Sampler {
  const mean = checked(distribution).meanSeconds;
  if (distribution.kind === "deterministic") return () => mean;
  if (distribution.kind === "exponential") return () => -mean * log(uniformOpenAtZero(generator));
  const sigma = sqrt(log(1 + distribution.coefficientOfVariation ** 2));
  const mu = log(mean) - (sigma * sigma) / 2;
  return () => {
    const normal = sqrt(-2 * log(uniformOpenAtZero(generator))) * cos(2 * PI * uniformFloat64(generator));
    return exp(mu + sigma * normal);
  };
}
