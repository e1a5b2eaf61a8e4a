import fc from "fast-check";
import { resolveSpec } from "../../../lib/stackSpec";
import { splitByCapacityProvider, steadyStateTasks } from "../../../lib/models/fleet/steadyState";
import {
  HOURS_PER_WEEK,
  isWeekend,
  monthlyRequests,
  rpsByHourOfWeek,
  WEEKS_PER_MONTH,
  webVcpuDemand,
  weekdayRps,
} from "../../../lib/spec/workload";
import { mapSource } from "../support/configSource";

const workload = resolveSpec(mapSource({ environmentSuffix: "dev" }), { project: "p", stack: "s" }).workload;

describe("reference workload", () => {
  it.each([
    [3, 25],
    [7, 81.25],
    [8, 193.75],
    [9, 250],
    [17, 250],
    [18, 193.75],
    [19, 81.25],
    [20, 25],
  ])("GIVEN weekday hour %i THEN the rate is %f req/s (night 25, 2-hour ramps, peak 250)", (hour, rps) => {
    expect(weekdayRps(workload, hour)).toBe(rps);
  });

  it("GIVEN the week THEN weekends run at 40% of the weekday curve", () => {
    const week = rpsByHourOfWeek(workload);
    expect(week).toHaveLength(HOURS_PER_WEEK);
    expect(week[5 * 24 + 12]).toBe(100);
    expect([isWeekend(4 * 24 + 23), isWeekend(5 * 24)]).toEqual([false, true]);
  });

  it("GIVEN the default profile THEN a month serves 279.0 million requests", () => {
    // Weekday: 9 h x 250 + 2 x (81.25 + 193.75) + 11 h x 25 = 3075 req/s-hours; weekend 0.4 x 3075.
    const weekly = (5 * 3075 + 2 * 0.4 * 3075) * 3600;
    expect(monthlyRequests(workload)).toBeCloseTo(weekly * WEEKS_PER_MONTH, 3);
    expect(Math.round(monthlyRequests(workload) / 1e5) / 10).toBe(279);
    expect(webVcpuDemand(workload, 250)).toBe(2.5);
  });
});

describe("target-tracking steady state", () => {
  it.each([
    [2.5, 0.5, 60, 3, 24, 9],
    [0.25, 0.5, 60, 3, 24, 3],
    [30, 0.5, 60, 3, 24, 24],
    [0.3, 0.5, 60, 0, 24, 1],
    [0, 0.5, 60, 0, 24, 0],
  ])("GIVEN demand %f vCPU, task %f vCPU, target %i%%, min %i, max %i THEN %i tasks", (demand, vcpu, target, min, max, tasks) => {
    expect(steadyStateTasks(demand, vcpu, target, min, max)).toBe(tasks);
  });

  it.each([
    [9, 3, 1, 3, { onDemand: 5, spot: 4 }],
    [2, 3, 1, 3, { onDemand: 2, spot: 0 }],
    [5, 0, 0, 1, { onDemand: 0, spot: 5 }],
    [4, 0, 1, 1, { onDemand: 2, spot: 2 }],
  ])("GIVEN %i tasks, base %i, weights %i:%i THEN %j", (tasks, base, od, sp, split) => {
    expect(splitByCapacityProvider(tasks, base, od, sp)).toEqual(split);
  });

  it.each([
    [15, 4, 1, 1, { onDemand: 10, spot: 5 }, { onDemand: 9, spot: 6 }],
    [9, 3, 1, 3, { onDemand: 5, spot: 4 }, { onDemand: 4, spot: 5 }],
    [14, 4, 1, 1, { onDemand: 9, spot: 5 }, { onDemand: 9, spot: 5 }],
    [7, 1, 1, 2, { onDemand: 3, spot: 4 }, { onDemand: 3, spot: 4 }],
    [2, 3, 1, 1, { onDemand: 2, spot: 0 }, { onDemand: 2, spot: 0 }],
    [3, 3, 1, 1, { onDemand: 3, spot: 0 }, { onDemand: 3, spot: 0 }],
  ])(
    "GIVEN %i tasks, base %i, weights %i:%i WHEN the odd task goes on demand (the default) THEN %j, WHEN it goes to Spot THEN %j",
    (tasks, base, od, sp, onDemandSplit, spotSplit) => {
      expect(splitByCapacityProvider(tasks, base, od, sp)).toEqual(onDemandSplit);
      expect(splitByCapacityProvider(tasks, base, od, sp, "onDemand")).toEqual(onDemandSplit);
      expect(splitByCapacityProvider(tasks, base, od, sp, "spot")).toEqual(spotSplit);
    },
  );

  it("GIVEN any split WHEN the odd task goes to Spot THEN the parts add up, the base is on-demand first, and it has the same on-demand tasks as the default or exactly one fewer (only when the share above the base is fractional)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        (tasks, base, od, sp) => {
          const split = splitByCapacityProvider(tasks, base, od, sp, "spot");
          const onDemandSplit = splitByCapacityProvider(tasks, base, od, sp);
          const rest = tasks - Math.min(tasks, base);
          const fractional = (rest * od) % (od + sp) !== 0;
          expect(split.onDemand + split.spot).toBe(tasks);
          expect(split.onDemand).toBeGreaterThanOrEqual(Math.min(tasks, base));
          expect(split.spot).toBeGreaterThanOrEqual(0);
          expect(onDemandSplit.onDemand - split.onDemand).toBe(fractional ? 1 : 0);
        },
      ),
    );
  });

  it("GIVEN any split THEN the parts add up and the base is on-demand first", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        (tasks, base, od, sp) => {
          const split = splitByCapacityProvider(tasks, base, od, sp);
          expect(split.onDemand + split.spot).toBe(tasks);
          expect(split.onDemand).toBeGreaterThanOrEqual(Math.min(tasks, base));
          expect(split.spot).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});
