/**
 * The emulated downstream wait (app/src/downstreamDelay.ts): exact draws from given uniforms, the
 * sample moments of many seeded draws against the configured mean and CV, the cap, and that the
 * service draws what the SLO model's sampler draws from the same uniforms.
 */
import { mersenne } from "pure-rand";
import {
  DOWNSTREAM_CAP_MAX_MS,
  DOWNSTREAM_CAP_MEAN_MULTIPLE,
  downstreamCapMs,
  downstreamDelay,
  DownstreamShape,
  Random,
} from "../../../app/src/downstreamDelay";
import { lognormal, exponential, sampler, uniformFloat64 } from "../../../lib/models/slo/serviceTime";

/** Returns `values` in order, then fails the test: a draw must use exactly the uniforms it is given. */
function sequence(...values: number[]): Random & { used: () => number } {
  let next = 0;
  const random = () => {
    if (next >= values.length) throw new Error(`random() called more than ${values.length} times`);
    return values[next++];
  };
  return Object.assign(random, { used: () => next });
}

/**
 * A seeded uniform source in [0, 1) (Mersenne Twister, 53-bit doubles). Not the model's
 * xoroshiro128+ seeding: its first double from a small seed is within 1e-7 of 1.
 */
function seeded(seed: number): Random {
  const generator = mersenne(seed);
  return () => uniformFloat64(generator);
}

/** Sample mean and coefficient of variation (sample standard deviation / mean) of `n` draws. */
function moments(draw: () => number, n: number): { mean: number; cv: number } {
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < n; i += 1) {
    const x = draw();
    sum += x;
    squares += x * x;
  }
  const mean = sum / n;
  return { mean, cv: Math.sqrt((squares - n * mean * mean) / (n - 1)) / mean };
}

const LOGNORMAL_CV1: DownstreamShape = { kind: "lognormal", coefficientOfVariation: 1 };

describe("downstream wait: exact draws", () => {
  it("GIVEN the fixed shape THEN every wait is the mean, and no random number is used", () => {
    const random = sequence();
    const delay = downstreamDelay(30, { kind: "fixed" }, random);
    expect([delay.draw(), delay.draw(), delay.meanMs, delay.capMs, random.used()]).toEqual([30, 30, 30, 30, 0]);
  });

  it("GIVEN a mean of 0 with a random shape THEN every wait is 0, the cap is 0 and no random number is used", () => {
    const random = sequence();
    const exponentialDelay = downstreamDelay(0, { kind: "exponential" }, random);
    const lognormalDelay = downstreamDelay(0, LOGNORMAL_CV1, random);
    expect([exponentialDelay.draw(), exponentialDelay.capMs, lognormalDelay.draw(), lognormalDelay.capMs, random.used()]).toEqual(
      [0, 0, 0, 0, 0],
    );
  });

  it("GIVEN exponential around 30 ms and random() = 0, 1 - e^-1, 1 - e^-2, 0.5 THEN the waits are -30·ln(1 - random()): 0, 30, 60, 30·ln 2", () => {
    const delay = downstreamDelay(30, { kind: "exponential" }, sequence(0, 1 - Math.exp(-1), 1 - Math.exp(-2), 0.5));
    const waits = [delay.draw(), delay.draw(), delay.draw(), delay.draw()];
    expect(waits[0]).toBe(0);
    expect(Object.is(waits[0], -0)).toBe(false);
    expect(waits[1]).toBeCloseTo(30, 12);
    expect(waits[2]).toBeCloseTo(60, 12);
    expect(waits[3]).toBeCloseTo(30 * Math.LN2, 12);
  });

  it("GIVEN lognormal CV 1 around 30 ms THEN σ = √ln 2, μ = ln 30 - ln 2 / 2, and Box-Muller takes two uniforms per wait", () => {
    const sigma = Math.sqrt(Math.LN2);
    const mu = Math.log(30) - Math.LN2 / 2;
    // Z = √(-2 ln U1)·cos(2π U2) with U1 = 1 - random(): U1 = e^-1/2 gives √1 = 1; U2 = 0, 1/4, 1/2 give cos 1, 0, -1.
    const u1 = 1 - Math.exp(-0.5);
    const random = sequence(u1, 0, u1, 0.25, u1, 0.5, 1 - Math.exp(-2), 0);
    const delay = downstreamDelay(30, LOGNORMAL_CV1, random);
    const waits = [delay.draw(), delay.draw(), delay.draw(), delay.draw()];
    expect(random.used()).toBe(8);
    expect(waits[0]).toBeCloseTo(Math.exp(mu + sigma), 10);
    // Z = 0: the median, mean / √(1 + CV²).
    expect(waits[1]).toBeCloseTo(30 / Math.SQRT2, 10);
    expect(waits[2]).toBeCloseTo(Math.exp(mu - sigma), 10);
    // U1 = e^-2: Z = √4 = 2.
    expect(waits[3]).toBeCloseTo(Math.exp(mu + 2 * sigma), 10);
    expect(waits.map((w) => Math.round(w * 1000) / 1000)).toEqual([48.773, 21.213, 9.226, 112.138]);
  });

  it("GIVEN lognormal CV 0.5 around 200 ms and Z = 1 THEN the wait uses σ² = ln 1.25", () => {
    const delay = downstreamDelay(200, { kind: "lognormal", coefficientOfVariation: 0.5 }, sequence(1 - Math.exp(-0.5), 0));
    const sigma = Math.sqrt(Math.log(1.25));
    expect(delay.draw()).toBeCloseTo(Math.exp(Math.log(200) - Math.log(1.25) / 2 + sigma), 10);
  });

  it("GIVEN the same uniforms THEN the service's waits are the SLO model's sampler draws (lib/models/slo/serviceTime.ts), in milliseconds", () => {
    for (const [shape, distribution] of [
      [{ kind: "exponential" }, exponential(0.03)],
      [LOGNORMAL_CV1, lognormal(0.03, 1)],
      [{ kind: "lognormal", coefficientOfVariation: 3 }, lognormal(0.03, 3)],
    ] as const) {
      const model = sampler(distribution, mersenne(7));
      const service = downstreamDelay(30, shape, seeded(7));
      for (let i = 0; i < 1000; i += 1) {
        const expected = Math.min(model() * 1000, service.capMs);
        expect(Math.abs(service.draw() - expected)).toBeLessThanOrEqual(expected * 1e-9);
      }
    }
  });
});

describe("downstream wait: 20,000 seeded draws", () => {
  // Tolerances: about 4 standard errors or more. The sample mean's is CV / √20,000 (0.71% at CV 1);
  // the sample CV's, measured over 1,000 runs of 20,000 Math.random draws, is 0.007 (exponential),
  // 0.018 (lognormal CV 1) and 0.004 (lognormal CV 0.5).
  it.each([
    ["exponential", { kind: "exponential" }, 1, 0.03, 0.04],
    ["lognormal CV 1", LOGNORMAL_CV1, 1, 0.03, 0.08],
    ["lognormal CV 0.5", { kind: "lognormal", coefficientOfVariation: 0.5 }, 0.5, 0.03, 0.02],
  ] as const)(
    "GIVEN %s around 30 ms THEN the sample mean is within 3%% of 30 and the sample CV within the tolerance of the configured one",
    (_, shape, cv, meanTolerance, cvTolerance) => {
      const sample = moments(downstreamDelay(30, shape, seeded(20_000)).draw, 20_000);
      expect(Math.abs(sample.mean / 30 - 1)).toBeLessThan(meanTolerance);
      expect(Math.abs(sample.cv - cv)).toBeLessThan(cvTolerance);
    },
  );

  it("GIVEN the fixed shape THEN 20,000 draws have exactly the mean and CV 0", () => {
    const sample = moments(downstreamDelay(30, { kind: "fixed" }, seeded(1)).draw, 20_000);
    expect([sample.mean, sample.cv]).toEqual([30, 0]);
  });
});

describe("downstream wait: the cap", () => {
  it("GIVEN the constants THEN a random wait is at most 100 x its mean and at most 30 s", () => {
    expect([DOWNSTREAM_CAP_MEAN_MULTIPLE, DOWNSTREAM_CAP_MAX_MS]).toEqual([100, 30_000]);
  });

  it.each([
    [30, { kind: "fixed" }, 30],
    [10_000, { kind: "fixed" }, 10_000],
    [0, LOGNORMAL_CV1, 0],
    [30, { kind: "exponential" }, 3000],
    [30, LOGNORMAL_CV1, 3000],
    [299, LOGNORMAL_CV1, 29_900],
    [300, LOGNORMAL_CV1, 30_000],
    [301, { kind: "exponential" }, 30_000],
    [10_000, LOGNORMAL_CV1, 30_000],
  ] as const)("GIVEN a mean of %d ms and %j THEN the cap is %d ms", (meanMs, shape, capMs) => {
    expect(downstreamCapMs(meanMs, shape)).toBe(capMs);
    expect(downstreamDelay(meanMs, shape).capMs).toBe(capMs);
  });

  it("GIVEN lognormal CV 1 around 30 ms and Z = √(-2 ln 2^-53) = 8.57 THEN the wait is the cap, 3,000 ms, not 30·e^(μ+σZ) = 26,662 ms", () => {
    const delay = downstreamDelay(30, LOGNORMAL_CV1, sequence(1 - 2 ** -53, 0));
    expect(delay.draw()).toBe(3000);
  });

  it("GIVEN exponential around 10,000 ms and the largest random() THEN the wait is the 30 s cap, not 10,000·ln 2^53 = 367,368 ms", () => {
    const delay = downstreamDelay(10_000, { kind: "exponential" }, sequence(1 - 2 ** -53));
    expect(delay.draw()).toBe(30_000);
  });

  it("GIVEN lognormal CV 10 around 30 ms THEN 20,000 seeded draws stay within [0, 3,000] and some reach the cap", () => {
    const delay = downstreamDelay(30, { kind: "lognormal", coefficientOfVariation: 10 }, seeded(3));
    const waits = Array.from({ length: 20_000 }, delay.draw);
    expect(Math.max(...waits)).toBe(3000);
    expect(Math.min(...waits)).toBeGreaterThan(0);
  });

  it("GIVEN Math.random (no injected source) THEN draws are within [0, cap]", () => {
    const delay = downstreamDelay(30, { kind: "exponential" });
    const waits = Array.from({ length: 1000 }, delay.draw);
    expect(waits.filter((w) => w >= 0 && w <= 3000)).toHaveLength(1000);
  });
});

describe("downstream wait: refused inputs", () => {
  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])("GIVEN a mean of %d THEN a RangeError names it", (meanMs) => {
    expect(() => downstreamDelay(meanMs, { kind: "fixed" })).toThrow(
      new RangeError(`downstream meanMs must be a finite number >= 0, got ${meanMs}`),
    );
  });

  it.each([0, -1, Number.NaN])("GIVEN a lognormal CV of %d THEN a RangeError names it", (cv) => {
    expect(() => downstreamDelay(30, { kind: "lognormal", coefficientOfVariation: cv })).toThrow(
      new RangeError(`lognormal coefficientOfVariation must be a finite number > 0, got ${cv}`),
    );
  });

  it.each([1, -0.1, Number.NaN])(
    "GIVEN random() returning %d THEN the draw is refused: a RangeError, not an infinite or NaN wait",
    (value) => {
      expect(() => downstreamDelay(30, { kind: "exponential" }, () => value).draw()).toThrow(
        new RangeError(`random() must return a number in [0, 1), like Math.random; got ${value}`),
      );
      expect(() => downstreamDelay(30, LOGNORMAL_CV1, sequence(0.5, value)).draw()).toThrow(
        new RangeError(`random() must return a number in [0, 1), like Math.random; got ${value}`),
      );
    },
  );
});
