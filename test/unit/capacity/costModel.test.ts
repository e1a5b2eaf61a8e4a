import { monthlyCostUsd } from "../../../lib/capacity/costModel";
import { estimateMonthlyCost } from "../../../lib/cost/estimate";
import { prodSpec } from "./fixtures";

describe("monthlyCostUsd", () => {
  it("GIVEN the prod stack WHEN costing it for the optimizer THEN it is the cost model's monthly total", () => {
    const spec = prodSpec();
    expect(monthlyCostUsd(spec)).toBe(estimateMonthlyCost(spec).monthlyUsd);
    expect(monthlyCostUsd(spec)).toBeGreaterThan(0);
  });
});
