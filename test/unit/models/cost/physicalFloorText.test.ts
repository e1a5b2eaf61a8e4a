import { formatCostReport, physicalFloorLines } from "../../../../lib/commands/plan/costText";
import { CostReport, buildCostReport } from "../../../../lib/models/cost/costReport";
import { flatSpec, withApi } from "./fixtures";

describe("the physical floor block of the text plan", () => {
  // GIVEN the flat spec's report (lib/models/cost/physicalFloor.ts's tests compute each amount by hand)
  const report = buildCostReport(flatSpec());
  const lines = formatCostReport(report).split("\n");

  it("GIVEN the flat report WHEN formatted THEN the block shows the floor's two parts, each gap item, the design lines largest first, the stack and the best savings", () => {
    const start = lines.indexOf(
      "Physical floor (lib/models/cost/physicalFloor.ts): the fixed costs no design avoids plus the web service's vCPU-hours at 100% utilization.",
    );
    expect(lines.slice(start, start + 20)).toEqual([
      "Physical floor (lib/models/cost/physicalFloor.ts): the fixed costs no design avoids plus the web service's vCPU-hours at 100% utilization.",
      "",
      "Part                                                                            vCPU-hours  USD per month",
      // 730 x $0.013825
      "Web compute at 100% utilization (ARM64 Fargate Spot, 2 GB per vCPU)                    730          10.09",
      "Line items no design avoids, at their least (workers as estimated)                                 235.27",
      "Floor                                                                                              245.36",
      // the items that print as 0.00 (rounding, minimums, memory, unclassified) are left out
      "  + idle compute: latency headroom: the CPU target of 50% instead of 100%              730          10.09",
      "  + idle compute: the maximum task count (1) capping what the policies ask            -730         -10.09",
      "  + on-demand premium: on-demand FARGATE tasks at their price above Spot                            18.74",
      "  + architecture premium: X86_64 at its price above ARM64 on every billed hour                       7.21",
      "  + design choices: line items, or their part, no design needs                                      66.76",
      "      logs-ingestion                                                                                62.66",
      "      nat-cross-az                                                                                   2.51",
      "      kms-keys                                                                                       1.00",
      "      cloud-map-namespace                                                                            0.50",
      "      cloud-map-instances                                                                            0.10",
      "Gap                                                                                                 92.71",
      "This stack                                                                                         338.07",
      "The best any design could save: $412.81 per month (62.7%) against the same baseline; this stack saves 48.6%, 77.5% of that.",
      "",
    ]);
  });

  it("GIVEN the cost section WHEN formatted THEN the block sits after the waterfall and before the payments table", () => {
    const floor = lines.findIndex((line) => line.startsWith("Physical floor ("));
    const waterfallTotal = lines.findIndex((line) => /^Total +\$/.test(line));
    const payments = lines.findIndex((line) => line.startsWith("Payments table and reference image"));
    expect([waterfallTotal < floor, floor < payments]).toEqual([true, true]);
  });

  it("GIVEN a lever that costs more (a minimum of 2 tasks more than the baseline's fixed fleet, all week) WHEN formatted THEN its note is indented under the waterfall, then the floor block", () => {
    const spec = flatSpec();
    const tasks = spec.cost.baseline.services.api.tasks + 2;
    const costlier = buildCostReport(withApi(spec, { minTasks: tasks, desiredTasks: tasks, maxTasks: tasks + 5 }));
    const text = formatCostReport(costlier).split("\n");
    const note = text.findIndex((line) => line.startsWith("  Target-tracking autoscaling instead of a fixed fleet costs $"));
    expect(note).toBeGreaterThan(0);
    expect(text.slice(note + 1, note + 3)).toEqual([
      "",
      "Physical floor (lib/models/cost/physicalFloor.ts): the fixed costs no design avoids plus the web service's vCPU-hours at 100% utilization.",
    ]);
  });

  it("GIVEN 1 vCPU / 4 GB tasks WHEN formatted THEN the memory above Fargate's minimum has a USD amount and no vCPU-hours", () => {
    const roomy = buildCostReport(withApi(flatSpec(), { memory: 4096, maxTasks: 10 }));
    const text = physicalFloorLines(roomy.physicalFloor, roomy.savingsPercent);
    // 730 vCPU-hours x 2 GB x $0.00356 x 0.35
    expect(text).toContainEqual(
      expect.stringMatching(
        /^ {2}\+ idle compute: task memory above Fargate's minimum \(4 GB per vCPU instead of 2\) on the demand {2,}1\.82$/,
      ),
    );
  });

  it("GIVEN a floor with an unclassified line item WHEN formatted THEN its gap row and a line naming it are printed", () => {
    const floor: CostReport["physicalFloor"] = {
      ...report.physicalFloor,
      unclassifiedLineItems: ["new-line"],
      gap: report.physicalFloor.gap.map((item) => (item.id === "unclassified" ? { ...item, monthlyUsd: 2 } : item)),
    };
    const text = physicalFloorLines(floor, report.savingsPercent);
    expect(text).toContainEqual(expect.stringMatching(/^ {2}\+ unclassified: line items without a floor rule +2\.00$/));
    expect(text).toContain("Line items without a floor rule, counted whole in the gap: new-line.");
  });
});
