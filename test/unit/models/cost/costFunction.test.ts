import { monthlyCostUsd } from "../../../../lib/models/cost/estimate";
import { estimateMonthlyCost } from "../../../../lib/models/cost/estimate";
import { prodSpec } from "../slo/fixtures";

describe("monthlyCostUsd", () => {
  it("GIVEN the prod stack WHEN costing it for the optimizer THEN it is the cost model's monthly total", () => {
    const spec = prodSpec();
    expect(monthlyCostUsd(spec)).toBe(estimateMonthlyCost(spec).monthlyUsd);
    expect(monthlyCostUsd(spec)).toBeGreaterThan(0);
  });
});
