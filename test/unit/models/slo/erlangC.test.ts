import fc from "fast-check";
import {
  erlangB,
  erlangC,
  isStable,
  sojournTimePercentile,
  sojournTimeSurvival,
  waitTimePercentile,
} from "../../../../lib/models/slo/erlangC";

describe("erlangC against published values", () => {
  it("GIVEN 26 servers offered 20 erlangs WHEN computing Erlang C THEN it is 0.143 (the textbook closed form, https://en.wikipedia.org/wiki/Erlang_(unit)#Erlang_C_formula)", () => {
    expect(erlangC(26, 20)).toBeCloseTo(0.143, 3);
    expect(erlangC(26, 20)).toBeCloseTo(0.1433999284, 9);
  });

  it("GIVEN one server (M/M/1) WHEN computing Erlang C THEN it equals the utilization (https://en.wikipedia.org/wiki/M/M/1_queue)", () => {
    expect(erlangC(1, 0.7)).toBeCloseTo(0.7, 14);
  });

  it("GIVEN 2 servers offered 1 erlang WHEN computing Erlang C THEN it is 2ρ²/(1+ρ) = 1/3 exactly (M/M/2 closed form, https://en.wikipedia.org/wiki/M/M/c_queue)", () => {
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 14);
  });

  it("GIVEN 15 lines offered 8.108 erlangs WHEN computing Erlang B THEN blocking is 1% (https://erlang.com/calculatormanual/howmuchtrafficcanatrunkgrouphandle.htm)", () => {
    expect(erlangB(15, 8.108)).toBeCloseTo(0.01, 5);
  });

  it("GIVEN no load WHEN computing Erlang C THEN nobody waits", () => {
    expect(erlangC(1000, 0)).toBe(0);
  });

  it("GIVEN thousands of servers WHEN computing Erlang C THEN the recursion stays finite where a^c/c! would overflow", () => {
    expect(erlangC(2000, 1950)).toBeCloseTo(0.1786750682, 9);
  });
});

describe("unstable queues", () => {
  it.each([
    [10, 10],
    [10, 12],
    [0, 1],
    [0, 0],
  ])(
    "GIVEN %i servers offered %d erlangs WHEN computing THEN every function returns Infinity (or certainty), never NaN",
    (servers, load) => {
      expect(isStable(servers, load)).toBe(false);
      expect(erlangC(servers, load)).toBe(Infinity);
      expect(waitTimePercentile(servers, load, 0.02, 0.99)).toBe(Infinity);
      expect(sojournTimePercentile(servers, load, 0.02, 0.99)).toBe(Infinity);
      expect(sojournTimeSurvival(servers, load, 0.02, 10)).toBe(1);
    },
  );
});

describe("argument checks", () => {
  it.each([
    [() => erlangC(2.5, 1), /servers must be a whole number >= 0, got 2.5/],
    [() => erlangC(-1, 1), /servers must be a whole number >= 0, got -1/],
    [() => erlangB(2, -1), /offeredLoad must be a finite number >= 0, got -1/],
    [() => erlangB(2, NaN), /offeredLoad must be a finite number >= 0, got NaN/],
    [() => waitTimePercentile(2, 1, 0, 0.99), /meanServiceSeconds must be a finite number > 0, got 0/],
    [() => waitTimePercentile(2, 1, Infinity, 0.99), /meanServiceSeconds must be a finite number > 0, got Infinity/],
    [() => sojournTimePercentile(2, 1, 1, 1), /percentile must be a fraction in \(0, 1\) such as 0.99, got 1/],
    [() => sojournTimePercentile(2, 1, 1, 0), /percentile must be a fraction in \(0, 1\) such as 0.99, got 0/],
  ])("GIVEN an invalid argument WHEN computing THEN a RangeError names it (%#)", (call, message) => {
    expect(call).toThrow(RangeError);
    expect(call).toThrow(message);
  });
});

describe("waitTimePercentile", () => {
  it("GIVEN C = 1/3 WHEN asking for the p99 wait THEN it is h / (c - a) · ln(C / 0.01) = ln(100/3)", () => {
    expect(waitTimePercentile(2, 1, 1, 0.99)).toBeCloseTo(Math.log(100 / 3), 12);
  });

  it("GIVEN C = 1/3 WHEN asking for the median wait THEN it is 0 (two thirds never wait)", () => {
    expect(waitTimePercentile(2, 1, 1, 0.5)).toBe(0);
  });
});

describe("sojournTimePercentile", () => {
  it("GIVEN an M/M/1 queue at ρ = 0.5 WHEN asking for the p99 response THEN it is ln(100) / (μ - λ), the exponential response-time law", () => {
    expect(sojournTimePercentile(1, 0.5, 1, 0.99)).toBeCloseTo(Math.log(100) / 0.5, 9);
  });

  it("GIVEN c - a = 1 (spare capacity equals one service rate) WHEN asking for the p99 THEN the Erlang-2 limit is used and matches the direct formula", () => {
    // Direct evaluation of P(T > t) at the answer: (1 - C)e^{-t} + C(1 + t)e^{-t} with C = 1/3.
    const p99 = sojournTimePercentile(2, 1, 1, 0.99);
    expect(p99).toBeCloseTo(5.6659606838, 9);
    expect((2 / 3) * Math.exp(-p99) + (1 / 3) * (1 + p99) * Math.exp(-p99)).toBeCloseTo(0.01, 12);
  });

  it("GIVEN no load WHEN asking for the p99 THEN it is the p99 of one exponential service, h · ln(100)", () => {
    expect(sojournTimePercentile(4, 0, 0.02, 0.99)).toBeCloseTo(0.02 * Math.log(100), 12);
  });
});

describe("properties", () => {
  const stableQueue = fc.record({
    servers: fc.integer({ min: 1, max: 400 }),
    utilization: fc.double({ min: 0.001, max: 0.995, noNaN: true }),
  });

  it("GIVEN any stable loaded queue WHEN computing Erlang C THEN it is a probability strictly between 0 and 1", () => {
    // From half load up: below it, with hundreds of servers, C is positive but under 1e-308 and rounds to 0.
    const halfLoadedOrMore = fc.record({
      servers: fc.integer({ min: 1, max: 400 }),
      utilization: fc.double({ min: 0.5, max: 0.995, noNaN: true }),
    });
    fc.assert(
      fc.property(halfLoadedOrMore, ({ servers, utilization }) => {
        const c = erlangC(servers, servers * utilization);
        return c > 0 && c < 1;
      }),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(stableQueue, ({ servers, utilization }) => {
        const c = erlangC(servers, servers * utilization);
        return c >= 0 && c < 1;
      }),
      { numRuns: 200 },
    );
  });

  it("GIVEN the same load WHEN adding a server THEN neither the chance of waiting nor the p99 wait grows", () => {
    fc.assert(
      fc.property(stableQueue, ({ servers, utilization }) => {
        const load = servers * utilization;
        return (
          erlangC(servers + 1, load) <= erlangC(servers, load) &&
          waitTimePercentile(servers + 1, load, 0.01, 0.99) <= waitTimePercentile(servers, load, 0.01, 0.99)
        );
      }),
      { numRuns: 200 },
    );
  });

  it("GIVEN the same servers WHEN the load grows THEN the p99 response time grows", () => {
    fc.assert(
      fc.property(stableQueue, fc.double({ min: 0.001, max: 0.995, noNaN: true }), ({ servers, utilization }, other) => {
        const [low, high] = [Math.min(utilization, other), Math.max(utilization, other)];
        return (
          sojournTimePercentile(servers, servers * low, 0.01, 0.99) <=
          sojournTimePercentile(servers, servers * high, 0.01, 0.99) + 1e-12
        );
      }),
      { numRuns: 150 },
    );
  });

  it("GIVEN any stable queue WHEN evaluating the survival at the p99 THEN exactly 1% of requests take longer", () => {
    fc.assert(
      fc.property(stableQueue, ({ servers, utilization }) => {
        const load = servers * utilization;
        const p99 = sojournTimePercentile(servers, load, 0.01, 0.99);
        return Math.abs(sojournTimeSurvival(servers, load, 0.01, p99) - 0.01) < 1e-9;
      }),
      { numRuns: 150 },
    );
  });
});
