import {
  checked,
  deterministic,
  exponential,
  lognormal,
  onProcess,
  sampler,
  scaled,
  secondMoment,
  seededGenerator,
  ServiceTimeDistribution,
  squaredCoefficientOfVariation,
  uniformFloat64,
  uniformOpenAtZero,
  variance,
} from "../../../../lib/models/slo/serviceTime";

const DRAWS = 100000;

function draws(distribution: ServiceTimeDistribution, seed: number): Float64Array {
  const draw = sampler(distribution, seededGenerator(seed));
  const values = new Float64Array(DRAWS);
  for (let i = 0; i < DRAWS; i++) values[i] = draw();
  return values;
}

function meanAndCv(values: Float64Array): { mean: number; cv: number } {
  let sum = 0;
  let squares = 0;
  for (const value of values) {
    sum += value;
    squares += value * value;
  }
  const mean = sum / values.length;
  return { mean, cv: Math.sqrt(squares / values.length - mean * mean) / mean };
}

describe("moments", () => {
  it.each([
    [exponential(0.01), 1, 1e-4, 2e-4],
    [lognormal(0.02, 0.5), 0.25, 1e-4, 5e-4],
    [deterministic(0.03), 0, 0, 9e-4],
  ])(
    "GIVEN %j WHEN taking its moments THEN CV² is %f, the variance %f and E[X²] %f",
    (distribution, scv, expectedVariance, second) => {
      expect(squaredCoefficientOfVariation(distribution)).toBe(scv);
      expect(variance(distribution)).toBeCloseTo(expectedVariance, 15);
      expect(secondMoment(distribution)).toBeCloseTo(second, 15);
    },
  );
});

describe("scaling to one process's vCPU share", () => {
  it("GIVEN 10 ms of CPU on a full vCPU and 4 processes on 1 vCPU WHEN put on one process THEN it takes 40 ms, same shape", () => {
    expect(onProcess(lognormal(0.01, 2), 0.25)).toEqual({ kind: "lognormal", meanSeconds: 0.04, coefficientOfVariation: 2 });
    expect(onProcess(exponential(0.01), 1)).toEqual(exponential(0.01));
  });

  it.each([0, 1.5, NaN])("GIVEN a share of %f WHEN put on a process THEN it refuses, pointing at latency.ts", (share) => {
    expect(() => onProcess(exponential(0.01), share)).toThrow(
      new RangeError(`processVcpuShare must be in (0, 1] (latency.ts processVcpuShare), got ${share}`),
    );
  });

  it.each([0, -2, Infinity])("GIVEN a factor of %f WHEN scaling THEN it refuses", (factor) => {
    expect(() => scaled(deterministic(0.03), factor)).toThrow(
      new RangeError(`scale factor must be a finite number > 0, got ${factor}`),
    );
  });
});

describe("validation", () => {
  it("GIVEN a deterministic phase of 0 s WHEN checked THEN it is accepted (no downstream call)", () => {
    expect(deterministic(0)).toEqual({ kind: "deterministic", meanSeconds: 0 });
  });

  it.each([
    [() => exponential(0), "exponential meanSeconds must be a finite number > 0, got 0"],
    [() => lognormal(NaN, 1), "lognormal meanSeconds must be a finite number > 0, got NaN"],
    [() => deterministic(-0.001), "deterministic meanSeconds must be a finite number >= 0, got -0.001"],
    [() => lognormal(0.01, 0), "lognormal coefficientOfVariation must be a finite number > 0 (use deterministic for 0), got 0"],
    [
      () => checked({ kind: "lognormal", meanSeconds: 0.01, coefficientOfVariation: Infinity }),
      "lognormal coefficientOfVariation must be a finite number > 0 (use deterministic for 0), got Infinity",
    ],
    [() => seededGenerator(0.5), "seed must be an integer, got 0.5"],
  ])("GIVEN a bad value WHEN built THEN it refuses with: %#", (build, message) => {
    expect(build).toThrow(new RangeError(message));
  });
});

describe("seeded samplers", () => {
  // With 100,000 draws the standard error of the mean is CV / 316 (0.32% for CV 1) and of the sample
  // CV about 0.5% for the exponential; the bounds are 4 standard errors (lognormal CV 1.5: its
  // sample CV converges slowly, heavy tail, hence 8%).
  it.each([
    [exponential(0.01), 0.013, 1, 0.02],
    [lognormal(0.01, 0.5), 0.007, 0.5, 0.02],
    [lognormal(0.01, 1.5), 0.02, 1.5, 0.08],
  ])(
    "GIVEN %j WHEN drawn 100,000 times THEN the mean is within %f and the CV %f within %f of theirs",
    (distribution, meanTolerance, cv, cvTolerance) => {
      const moments = meanAndCv(draws(distribution, 5));
      expect(Math.abs(moments.mean / distribution.meanSeconds - 1)).toBeLessThan(meanTolerance);
      expect(Math.abs(moments.cv / cv - 1)).toBeLessThan(cvTolerance);
    },
  );

  it("GIVEN a deterministic distribution WHEN drawn THEN every draw is its mean", () => {
    expect(new Set(draws(deterministic(0.03), 1))).toEqual(new Set([0.03]));
  });

  it("GIVEN one seed twice WHEN drawn THEN the sequences are identical, and another seed's differ", () => {
    expect(draws(lognormal(0.01, 1), 9)).toEqual(draws(lognormal(0.01, 1), 9));
    expect(draws(lognormal(0.01, 1), 10)[0]).not.toBe(draws(lognormal(0.01, 1), 9)[0]);
  });

  it("GIVEN 100,000 uniform draws WHEN checked THEN [0, 1) and (0, 1] hold and the mean is 1/2 within 0.005", () => {
    const generator = seededGenerator(3);
    let sum = 0;
    let outside = 0;
    for (let i = 0; i < DRAWS; i++) {
      const closedAtZero = uniformFloat64(generator);
      const openAtZero = uniformOpenAtZero(generator);
      if (closedAtZero < 0 || closedAtZero >= 1 || openAtZero <= 0 || openAtZero > 1) outside++;
      sum += closedAtZero;
    }
    expect(outside).toBe(0);
    expect(Math.abs(sum / DRAWS - 0.5)).toBeLessThan(0.005);
  });
});
