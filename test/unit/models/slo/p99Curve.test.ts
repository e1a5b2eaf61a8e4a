import { GRID_POINTS, gridUtilization, interpolatedP99Seconds } from "../../../../lib/models/slo/p99Curve";
import { perNodeP99Seconds } from "../../../../lib/models/slo/routingApproximation";
import { deterministic, exponential, lognormal } from "../../../../lib/models/slo/serviceTime";

const TIMES = { cpu: exponential(0.01), downstream: lognormal(0.03, 1) };
const exact = (tasks: number, nodes: number, rps: number, times = TIMES) =>
  perNodeP99Seconds({ arrivalsPerSecond: rps, tasks, processesPerTask: 1, nodes, times });

describe("gridUtilization", () => {
  it("GIVEN the grid WHEN reading points 0, 8, 16 and the last THEN they are 0, 1/2, 3/4 and 1 - 2^(-79/8)", () => {
    expect(gridUtilization(0)).toBe(0);
    expect(gridUtilization(8)).toBe(0.5);
    expect(gridUtilization(16)).toBe(0.75);
    expect(GRID_POINTS).toBe(80);
    expect(gridUtilization(GRID_POINTS - 1)).toBeCloseTo(1 - 2 ** (-79 / 8), 15);
  });
});

describe("interpolatedP99Seconds", () => {
  it("GIVEN a rate exactly on a grid point (utilization 1/2 on 6 tasks) WHEN interpolating THEN it is the exact approximation there", () => {
    const key = { times: TIMES, processesPerTask: 1, nodes: 3, tasks: 6 };
    expect(interpolatedP99Seconds(key, 300)).toBeCloseTo(exact(6, 3, 300), 12);
  });

  it("GIVEN 1,596 rates between grid points over 1-40 tasks, 2-3 nodes and two request-time pairs WHEN interpolating THEN every value is within 1.1% of the exact one", () => {
    let worst = 0;
    let points = 0;
    for (const times of [TIMES, { cpu: exponential(0.02), downstream: deterministic(0.03) }])
      for (const tasks of [1, 2, 3, 6, 9, 19, 40])
        for (const nodes of [2, 3])
          for (let i = 1; i < 58; i++) {
            const rps = ((i / 58) * gridUtilization(GRID_POINTS - 1) * tasks) / times.cpu.meanSeconds;
            const interpolated = interpolatedP99Seconds({ times, processesPerTask: 1, nodes, tasks }, rps);
            worst = Math.max(worst, Math.abs(interpolated / exact(tasks, nodes, rps, times) - 1));
            points += 1;
          }
    expect(points).toBe(1596);
    expect(worst).toBeLessThan(0.011);
    expect(worst).toBeGreaterThan(0);
  });

  it("GIVEN a utilization above the last grid point (0.9995) WHEN interpolating THEN the exact value is returned", () => {
    const key = { times: TIMES, processesPerTask: 1, nodes: 2, tasks: 4 };
    expect(interpolatedP99Seconds(key, 0.9995 * 400)).toBe(exact(4, 2, 0.9995 * 400));
  });

  it("GIVEN more load than the processes carry (utilization 1 and 1.5) WHEN interpolating THEN the p99 is Infinity", () => {
    const key = { times: TIMES, processesPerTask: 2, nodes: 3, tasks: 3 };
    expect(interpolatedP99Seconds(key, 600)).toBe(Infinity);
    expect(interpolatedP99Seconds(key, 900)).toBe(Infinity);
  });

  it("GIVEN two processes per task WHEN interpolating at utilization 1/2 THEN the grid is laid over the processes' capacity (tasks x processes / CPU time)", () => {
    const key = { times: TIMES, processesPerTask: 2, nodes: 3, tasks: 3 };
    const direct = perNodeP99Seconds({ arrivalsPerSecond: 300, tasks: 3, processesPerTask: 2, nodes: 3, times: TIMES });
    expect(interpolatedP99Seconds(key, 300)).toBeCloseTo(direct, 12);
  });
});
