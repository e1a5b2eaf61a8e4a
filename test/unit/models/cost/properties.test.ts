import * as fc from "fast-check";
import { baselineSpec } from "../../../../lib/models/cost/baseline";
import { compareEndpointStrategies } from "../../../../lib/models/cost/endpointChoice";
import { CostEstimate, estimateMonthlyCost } from "../../../../lib/models/cost/estimate";
import { savingsWaterfall } from "../../../../lib/models/cost/levers";
import { PlatformSpec } from "../../../../lib/spec";
import { apiOf, arbitrarySpec, withApi, withWorker } from "./fixtures";

const total = (spec: PlatformSpec) => estimateMonthlyCost(spec).monthlyUsd;
const compute = (estimate: CostEstimate) =>
  estimate.lineItems.filter((i) => i.component === "compute").reduce((sum, i) => sum + i.monthlyUsd, 0);
/** Relative tolerance for sums of a few dozen floating-point terms. */
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

const allOnDemand = (spec: PlatformSpec) =>
  withWorker(withApi(spec, { onDemandWeight: 1, spotWeight: 0 }), { onDemandWeight: 1, spotWeight: 0 });
const allSpot = (spec: PlatformSpec) =>
  withWorker(withApi(spec, { onDemandBase: 0, onDemandWeight: 0, spotWeight: 1 }), {
    onDemandBase: 0,
    onDemandWeight: 0,
    spotWeight: 1,
  });

describe("cost model properties", () => {
  it("an estimate is the sum of its line items, each quantity x unit price and never negative", () => {
    fc.assert(
      fc.property(arbitrarySpec, (spec) => {
        // GIVEN any valid stack WHEN it is estimated THEN the total is the sum of the lines
        const estimate = estimateMonthlyCost(spec);
        const sum = estimate.lineItems.reduce((s, i) => s + i.monthlyUsd, 0);
        return (
          close(estimate.monthlyUsd, sum) &&
          estimate.lineItems.every(
            (i) => i.quantity >= 0 && i.unitPriceUsd >= 0 && close(i.monthlyUsd, i.quantity * i.unitPriceUsd),
          )
        );
      }),
    );
  });

  it("more tasks never cost less: a fixed fleet of n + 1 costs at least as much as n", () => {
    fc.assert(
      fc.property(arbitrarySpec, fc.integer({ min: 1, max: 30 }), (spec, n) => {
        // GIVEN the same stack with a fixed API fleet of n and of n + 1 tasks
        const fleet = (tasks: number) => withApi(spec, { minTasks: tasks, maxTasks: tasks, desiredTasks: tasks });
        // THEN the larger fleet's total is not lower
        return total(fleet(n + 1)) >= total(fleet(n));
      }),
    );
  });

  it("more tasks never cost less: a higher autoscaling minimum never lowers the Fargate bill", () => {
    fc.assert(
      fc.property(arbitrarySpec, fc.integer({ min: 1, max: 5 }), (spec, raise) => {
        // GIVEN the same stack with its API minimum raised (and the maximum with it)
        const raised = withApi(spec, { minTasks: apiOf(spec).minTasks + raise, maxTasks: apiOf(spec).maxTasks + raise });
        // THEN its compute lines do not cost less
        return compute(estimateMonthlyCost(raised)) >= compute(estimateMonthlyCost(spec)) - 1e-9;
      }),
    );
  });

  it("Spot never costs more than on-demand for the same tasks", () => {
    fc.assert(
      fc.property(arbitrarySpec, (spec) => {
        // GIVEN the same fleet all on FARGATE, all on FARGATE_SPOT, and as configured
        const onDemand = compute(estimateMonthlyCost(allOnDemand(spec)));
        // THEN Spot's compute lines cost no more, and any mix sits in between
        return (
          compute(estimateMonthlyCost(allSpot(spec))) <= onDemand + 1e-9 && compute(estimateMonthlyCost(spec)) <= onDemand + 1e-9
        );
      }),
    );
  });

  it("ARM64 never costs more than X86_64 for the same task sizes", () => {
    fc.assert(
      fc.property(arbitrarySpec, (spec) => {
        // GIVEN the same stack on both architectures THEN the ARM64 total is not higher
        return total({ ...spec, cpuArchitecture: "ARM64" }) <= total({ ...spec, cpuArchitecture: "X86_64" }) + 1e-9;
      }),
    );
  });

  it("the waterfall sums to baseline - optimized", () => {
    fc.assert(
      fc.property(arbitrarySpec, (spec) => {
        // GIVEN any stack WHEN its waterfall is built THEN the steps add up to the total saving
        const saved = savingsWaterfall(spec).reduce((sum, step) => sum + step.monthlyUsdSaved, 0);
        return close(saved, total(baselineSpec(spec)) - total(spec));
      }),
      { numRuns: 50 },
    );
  });

  it("the endpoint choice picks the option whose whole-stack estimate is lower", () => {
    fc.assert(
      fc.property(arbitrarySpec, (spec) => {
        // GIVEN the stack priced in full both ways (independently of the comparison's own egress sums)
        const withEndpoints = total({ ...spec, network: { ...spec.network, interfaceEndpoints: true } });
        const natOnly = total({ ...spec, network: { ...spec.network, interfaceEndpoints: false } });
        const { natOnlyMonthlyUsd, interfaceEndpointsMonthlyUsd, cheaper } = compareEndpointStrategies(spec);
        // THEN the comparison's difference is the stack's difference, and it picks the cheaper stack
        return (
          close(natOnlyMonthlyUsd - interfaceEndpointsMonthlyUsd, natOnly - withEndpoints) &&
          cheaper === (withEndpoints < natOnly ? "interfaceEndpoints" : "natOnly")
        );
      }),
    );
  });
});
