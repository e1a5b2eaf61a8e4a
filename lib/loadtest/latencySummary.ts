/**
 * Percentiles of a run's latencies: exact, by nearest rank over all of them sorted. A run is bounded
 * (at most MAX_REQUESTS latencies, under 10 MB), so there is no need for a histogram's or a
 * sketch's approximation: the p99 printed is a latency one of the requests really had.
 */

export interface LatencySummary {
  /** Latencies summarized; the percentiles are null when there are none. */
  count: number;
  p50: number | null;
  p90: number | null;
  p99: number | null;
  max: number | null;
}

/**
 * Nearest-rank percentile: the smallest value with at least `percent` % of the values at or below
 * it, sorted[ceil(percent / 100 x n) - 1]. `percent` is a percentage in (0, 100], so for 50, 90 and 99 the rank
 * is an integer product divided by 100, with none of the float error of 0.99 x n.
 */
export function nearestRank(sorted: ArrayLike<number>, percent: number): number {
  if (sorted.length === 0) throw new RangeError("no values to take a percentile of");
  if (!(percent > 0 && percent <= 100)) throw new RangeError(`percent must be in (0, 100], got ${percent}`);
  return sorted[Math.ceil((percent * sorted.length) / 100) - 1];
}

/** The run's p50, p90, p99 and max (input order does not matter; the input is not changed). */
export function summarizeLatencies(latencies: ArrayLike<number>): LatencySummary {
  if (latencies.length === 0) return { count: 0, p50: null, p90: null, p99: null, max: null };
  // A Float64Array sorts numerically (a plain array's default sort compares strings).
  const sorted = Float64Array.from(latencies).sort();
  return {
    count: sorted.length,
    p50: nearestRank(sorted, 50),
    p90: nearestRank(sorted, 90),
    p99: nearestRank(sorted, 99),
    max: sorted[sorted.length - 1],
  };
}
