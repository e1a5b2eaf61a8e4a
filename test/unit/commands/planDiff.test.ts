/**
 * The diff of two configurations (npm run plan -- --compare ...): the golden dev plan against one
 * real plan of dev with natGateways=perAz (built once for the file), and hand-made variants of the
 * golden documents for what that pair does not show (line items one side lacks, overload, targets
 * that differ, nothing changed). Expected numbers come from the two documents.
 */
import type { LineItem } from "../../../lib/models/cost/estimate";
import { ComparedPlan, diffPlans, flattenSpec, PlanDiff } from "../../../lib/commands/plan/planDiff";
import { formatPlanDiff } from "../../../lib/commands/plan/planDiffText";
import { buildPlan, PlanDocument } from "../../../lib/commands/plan/planDocument";
import { PROJECT_DIR } from "../../../lib/commands/schema";
import { loadStack } from "../../../lib/commands/stackConfig";
import { dollars, percent } from "../../../lib/format";
import { OVERLOADED } from "../../../lib/commands/plan/sloWords";
import { goldenPlan } from "../support/runPlatform";

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** The golden dev plan with the spec dev resolves to, as the plan command would compare it. */
function goldenDev(overrides: string[] = []): ComparedPlan {
  return { document: goldenPlan("dev"), spec: loadStack(PROJECT_DIR, "dev", []).spec, overrides };
}

const byId = (items: LineItem[], id: string): LineItem | undefined => items.find((item) => item.id === id);
const subtotal = (items: LineItem[], component: string): number =>
  items.filter((item) => item.component === component).reduce((sum, item) => sum + item.monthlyUsd, 0);
const cents = (usd: number): number => Math.round(usd * 100);

let dev: ComparedPlan;
let perAz: ComparedPlan;
let diff: PlanDiff;
let warnings: string[];

beforeAll(async () => {
  dev = goldenDev();
  // The program warns through pulumi.log (console.warn under the mock engine) that savings miss the target.
  const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
  perAz = { ...(await buildPlan("dev", ["natGateways=perAz"], PROJECT_DIR)), overrides: ["natGateways=perAz"] };
  warnings = warn.mock.calls.map((c) => String(c[0]));
  warn.mockRestore();
  diff = diffPlans(dev, perAz);
});

describe("diffPlans: dev against dev with natGateways=perAz", () => {
  // The second NAT gateway costs about 5 points of savings, which takes dev below its 40% target.
  it("GIVEN the two plans THEN both sides are labelled, and the compared side exits 3 (savings below the target) where dev exits 0", () => {
    expect(diff.before).toEqual({
      stack: "dev",
      overrides: [],
      label: "dev",
      exitCode: 0,
      exitReason: "0: savings and p99 targets met",
      idleTimeoutSeconds: 60,
    });
    expect(diff.after).toEqual({
      stack: "dev",
      overrides: ["natGateways=perAz"],
      label: "dev with natGateways=perAz",
      exitCode: 3,
      exitReason: "3: savings below the 40% target",
      idleTimeoutSeconds: 60,
    });
  });

  it("GIVEN the perAz plan THEN the program itself warned once that its savings miss the target", () => {
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(
      `Estimated savings ${perAz.document.cost.savingsPercent.toFixed(1)}% are below minSavingsPercent 40%`,
    );
  });

  it("GIVEN the two plans THEN one more NAT gateway and its Elastic IP are the only resources added, none removed", () => {
    const count = (document: PlanDocument, type: string) => document.resources.filter((r) => r.type === type).length;
    expect(diff.resources).toEqual({
      total: { before: dev.document.resources.length, after: dev.document.resources.length + 2, delta: 2 },
      byType: [
        { type: "aws:ec2/eip:Eip", before: 1, after: 2, delta: 1 },
        { type: "aws:ec2/natGateway:NatGateway", before: 1, after: 2, delta: 1 },
      ],
    });
    expect(count(perAz.document, "aws:ec2/natGateway:NatGateway")).toBe(2);
  });

  it("GIVEN the two plans THEN exactly one resolved setting changed: the NAT strategy", () => {
    expect(diff.settings).toEqual([{ path: "network.natGateways", before: "single", after: "perAz" }]);
  });

  it("GIVEN the two plans THEN the line items that changed are the NAT hours, the cross-AZ traffic it no longer carries and the second IPv4 address, with their deltas from the documents", () => {
    const [a, b] = [dev.document.cost.optimized.lineItems, perAz.document.cost.optimized.lineItems];
    expect(diff.cost.lineItems.map((item) => item.id)).toEqual(["nat-hours", "nat-cross-az", "public-ipv4"]);
    for (const item of diff.cost.lineItems) {
      const [before, after] = [byId(a, item.id)!, byId(b, item.id)!];
      expect(item).toEqual({
        component: "network",
        id: item.id,
        unit: after.unit,
        quantity: { before: before.quantity, after: after.quantity },
        monthlyUsd: { before: before.monthlyUsd, after: after.monthlyUsd, delta: after.monthlyUsd - before.monthlyUsd },
      });
    }
    const unchanged = a.filter((item) => !diff.cost.lineItems.some((c) => c.id === item.id));
    expect(unchanged.every((item) => cents(item.monthlyUsd) === cents(byId(b, item.id)!.monthlyUsd))).toBe(true);
  });

  it("GIVEN the two plans THEN every component's subtotal is listed and only network's changed; totals, savings and the target follow the documents", () => {
    const [before, after] = [dev.document.cost, perAz.document.cost];
    const components = [...new Set(before.optimized.lineItems.map((item) => item.component))];
    expect(diff.cost.components).toEqual(
      components.map((component) => {
        const [x, y] = [subtotal(before.optimized.lineItems, component), subtotal(after.optimized.lineItems, component)];
        return { component, before: x, after: y, delta: y - x };
      }),
    );
    expect(diff.cost.components.filter((c) => cents(c.delta) !== 0).map((c) => c.component)).toEqual(["network"]);
    expect(diff.cost.monthlyUsd).toEqual({
      before: before.optimized.monthlyUsd,
      after: after.optimized.monthlyUsd,
      delta: after.optimized.monthlyUsd - before.optimized.monthlyUsd,
    });
    expect(diff.cost.baselineMonthlyUsd.delta).toBe(after.baseline.monthlyUsd - before.baseline.monthlyUsd);
    expect(diff.cost.savingsUsd).toEqual({
      before: before.savingsUsd,
      after: after.savingsUsd,
      delta: after.savingsUsd - before.savingsUsd,
    });
    expect(diff.cost.savingsPercent).toEqual({
      before: before.savingsPercent,
      after: after.savingsPercent,
      delta: after.savingsPercent - before.savingsPercent,
    });
    expect(diff.cost.minSavingsPercent).toEqual({ before: 40, after: 40 });
    expect(diff.cost.meetsTarget).toEqual({ before: true, after: false });
  });

  it("GIVEN the two plans THEN the levers whose saving changed are the NAT strategy and the AZ count, as the waterfalls say", () => {
    const [before, after] = [dev.document.cost.levers, perAz.document.cost.levers];
    expect(diff.cost.levers).toEqual(
      before
        .map((l, i) => ({
          lever: l.lever,
          before: l.monthlyUsdSaved,
          after: after[i].monthlyUsdSaved,
          delta: after[i].monthlyUsdSaved - l.monthlyUsdSaved,
        }))
        .filter((l) => cents(l.before) !== cents(l.after)),
    );
    expect(diff.cost.levers.map((l) => l.lever)).toEqual(["NAT gateway strategy", "Availability Zone count"]);
  });

  it("GIVEN the two plans THEN the p99s are the documents' and every scenario is listed with both results", () => {
    const [before, after] = [dev.document.slo, perAz.document.slo];
    const worst = (slo: PlanDocument["slo"]) => Math.max(...slo.hourly.map((h) => h.p99Ms!));
    expect(diff.slo).toEqual({
      targetP99Ms: { before: 200, after: 200 },
      peakP99Ms: { before: before.peak.p99Ms, after: after.peak.p99Ms },
      worstHourP99Ms: { before: worst(before), after: worst(after) },
      meetsTarget: { before: true, after: true },
      scenarios: before.scenarios.map((s, i) => ({ name: s.name, before: s, after: after.scenarios[i] })),
    });
    expect(diff.slo.scenarios.map((s) => s.name)).toEqual(["diurnal", "spike", "spot-reclaim", "az-loss"]);
  });

  it("GIVEN the diff WHEN printed THEN the verdict comes first with the compared configuration's exit code and why", () => {
    const { cost } = diff;
    const lines = formatPlanDiff(diff).split("\n");
    const points = (c: typeof cost.savingsPercent) => (Math.round(c.after * 10) - Math.round(c.before * 10)) / 10;
    expect(lines.slice(0, 11)).toEqual([
      "Diff of two plans, computed offline: nothing was deployed",
      "  before: dev",
      "  after:  dev with natGateways=perAz (the compared configuration)",
      "",
      "Verdict",
      `  Monthly cost: ${dollars(cost.monthlyUsd.before)} -> ${dollars(cost.monthlyUsd.after)}, +${dollars(cost.monthlyUsd.delta)} (added)`,
      `  Monthly bill with the payments table and image and the compliance controls: ${dollars(cost.billMonthlyUsd.before)} -> ${dollars(cost.billMonthlyUsd.after)}, +${dollars(cost.billMonthlyUsd.delta)} (added)`,
      `  Bill change against the baseline with the compliance controls: ${percent(cost.billChangePercent.before)} -> ${percent(cost.billChangePercent.after)} (+${points(cost.billChangePercent).toFixed(1)} points)`,
      `  Savings: ${percent(cost.savingsPercent.before)} -> ${percent(cost.savingsPercent.after)} (-${((Math.round(cost.savingsPercent.before * 10) - Math.round(cost.savingsPercent.after * 10)) / 10).toFixed(1)} points) against the 40% target: met -> missed`,
      "  p99 latency (target 200 ms): met (no change)",
      "  Exit code of the compared configuration: 3: savings below the 40% target (dev exits 0: savings and p99 targets met)",
    ]);
  });

  it("GIVEN the diff WHEN printed THEN the sections show the added types, the changed setting, the line items with (saved)/(added), and the scenarios", () => {
    const text = formatPlanDiff(diff);
    const nat = diff.cost.lineItems.find((item) => item.id === "nat-cross-az")!;
    expect(text).toContain(
      [
        `Resources: ${diff.resources.total.before} -> ${diff.resources.total.after} (+2)`,
        "  Type                           Before  After  Change",
        "  aws:ec2/eip:Eip                     1      2      +1",
        "  aws:ec2/natGateway:NatGateway       1      2      +1",
        "",
        "Settings that changed (resolved, derived ones included): 1",
        "  network.natGateways: single -> perAz",
      ].join("\n"),
    );
    expect(text).toContain(`Line items that changed: 3\n`);
    expect(text).toMatch(new RegExp(`  network +nat-cross-az .* -\\$${(-nat.monthlyUsd.delta).toFixed(2)} \\(saved\\)\n`));
    expect(text).toContain("Savings waterfall levers that changed: 2\n");
    expect(text).toContain(`  Baseline: ${dollars(diff.cost.baselineMonthlyUsd.before)} (no change); savings `);
    const diurnal = diff.slo.scenarios[0].after;
    expect(diurnal.name).toBe("diurnal");
    // The worst-p99 column is as wide as its widest cell (the overload wording where a scenario
    // reaches the ALB timeout), the number right-aligned in it; NAT gateways change no p99.
    const p99Cell = (s: PlanDocument["slo"]["scenarios"][number]) =>
      s.worstP99Ms >= diff.after.idleTimeoutSeconds * 1000 ? OVERLOADED : `${s.worstP99Ms} ms`;
    const width = Math.max("Worst p99".length, ...diff.slo.scenarios.map((s) => p99Cell(s.after).length));
    expect(diff.slo.scenarios.map((s) => p99Cell(s.before))).toEqual(diff.slo.scenarios.map((s) => p99Cell(s.after)));
    expect(text).toContain(
      `\n  diurnal         pass  ${`${diurnal.worstP99Ms} ms`.padStart(width)}    0 minutes        n/a       n/a\n`,
    );
    // THEN the payments table and image and the compliance controls are unchanged by the NAT setting, and the bill moves with the stack's cost
    expect(diff.cost.paymentData.monthlyUsd.delta).toBe(0);
    expect(diff.cost.compliance).toEqual({
      monthlyUsd: { before: dev.document.cost.compliance.monthlyUsd, after: dev.document.cost.compliance.monthlyUsd, delta: 0 },
      lineItems: [],
    });
    expect(text).toContain(
      `Compliance controls (outside the like-for-like savings): ${dollars(diff.cost.compliance.monthlyUsd.before)} (no change)\nTheir line items that changed: 0\n  no change\n`,
    );
    expect(diff.cost.billMonthlyUsd.delta).toBeCloseTo(diff.cost.monthlyUsd.delta, 9);
    expect(text).toContain("Their line items that changed: 0\n  no change\n");
  });
});

describe("diffPlans: what the perAz pair does not show", () => {
  it("GIVEN a plan compared with itself WHEN printed THEN every section says no change and the exit code is the same", () => {
    const same = diffPlans(goldenDev(["a=1"]), goldenDev(["a=1"]));
    expect([same.resources.byType, same.settings, same.cost.lineItems, same.cost.levers]).toEqual([[], [], [], []]);
    expect(same.after.label).toBe("dev with a=1");
    const text = formatPlanDiff(same);
    expect(text).toContain(`\nResources: ${same.resources.total.before} (no change)\n  no change\n`);
    expect(text).toContain("\nSettings that changed (resolved, derived ones included): 0\n  no change\n");
    expect(text).toContain("\nLine items that changed: 0\n  no change\n");
    expect(text).toContain("\nSavings waterfall levers that changed: 0\n  no change\n");
    expect(text).toContain(`  Monthly cost: ${dollars(same.cost.monthlyUsd.before)} (no change)\n`);
    expect(text).toContain(
      `  Savings: ${percent(same.cost.savingsPercent.before)} (no change) against the 40% target: met (no change)\n`,
    );
    expect(text).toContain("Exit code of the compared configuration: 0: savings and p99 targets met (the same as dev with a=1)");
  });

  it("GIVEN a line item only one side has THEN it is listed with a null quantity and $0 on the other side", () => {
    const before = goldenDev();
    const after = goldenDev();
    after.document = clone(after.document);
    before.document = clone(before.document);
    const removed = before.document.cost.optimized.lineItems.find((item) => item.id === "kms-keys")!;
    after.document.cost.optimized.lineItems = after.document.cost.optimized.lineItems.filter((item) => item.id !== "kms-keys");
    const added: LineItem = { ...removed, id: "kms-keys-2", quantity: 2, monthlyUsd: 2 };
    after.document.cost.optimized.lineItems.push(added);
    const items = diffPlans(before, after).cost.lineItems;
    expect(items).toEqual([
      {
        component: removed.component,
        id: "kms-keys",
        unit: removed.unit,
        quantity: { before: removed.quantity, after: null },
        monthlyUsd: { before: removed.monthlyUsd, after: 0, delta: -removed.monthlyUsd },
      },
      {
        component: removed.component,
        id: "kms-keys-2",
        unit: removed.unit,
        quantity: { before: null, after: 2 },
        monthlyUsd: { before: 0, after: 2, delta: 2 },
      },
    ]);
    expect(formatPlanDiff(diffPlans(before, after))).toMatch(
      /\n {2}security +kms-keys +[^ ]+ +[\d.]+ +- +\$[\d.]+ +\$0\.00 +-\$[\d.]+ \(saved\)\n/,
    );
  });

  it("GIVEN an overloaded hour and diurnal scenario, differing targets and a removed resource type THEN the diff says overloaded, both targets and the negative count", () => {
    const before = goldenDev();
    const after = goldenDev();
    after.document = clone(after.document);
    after.document.slo.hourly[10].p99Ms = null;
    after.document.slo.peak.p99Ms = null;
    // Dev's spike already reaches the ALB timeout (overloaded on both sides): the diurnal day, bounded in dev, overloads here.
    after.document.slo.scenarios[0] = { ...after.document.slo.scenarios[0], worstP99Ms: 60000, minutesOverSlo: 1, passed: false };
    after.document.slo.targetP99Ms = 150;
    after.document.slo.meetsTarget = false;
    after.document.cost.minSavingsPercent = 50;
    after.document.cost.meetsTarget = false;
    after.document.resources = after.document.resources.filter((r) => r.type !== "aws:kms/key:Key");
    after.document.resources.push({ type: "aws:sns/topicSubscription:TopicSubscription", name: "alarm-email", parent: null });
    const kmsKeys = before.document.resources.filter((r) => r.type === "aws:kms/key:Key").length;
    const changed = diffPlans(before, after);
    expect(changed.slo.worstHourP99Ms.after).toBeNull();
    expect(changed.resources.byType).toEqual([
      { type: "aws:kms/key:Key", before: kmsKeys, after: 0, delta: -kmsKeys },
      { type: "aws:sns/topicSubscription:TopicSubscription", before: 0, after: 1, delta: 1 },
    ]);
    const text = formatPlanDiff(changed);
    expect(text).toContain("against the 40% -> 50% target: met -> missed\n");
    expect(text).toContain(
      "  p99 latency (target 200 ms -> 150 ms): met -> missed; failing in the compared configuration: diurnal\n",
    );
    expect(text).toContain("the p99 SLO is missed too (exit 4), and 3 wins when both targets are missed (dev exits 0:");
    expect(kmsKeys).toBe(1);
    expect(text).toContain(
      [
        `Resources: ${before.document.resources.length} (no change)`,
        "  Type                                         Before  After  Change",
        "  aws:kms/key:Key                                   1      0      -1",
        "  aws:sns/topicSubscription:TopicSubscription       0      1      +1",
      ].join("\n"),
    );
    expect(text).toContain(
      `  peak hour: ${before.document.slo.peak.p99Ms} ms -> overloaded (requests time out at the ALB idle timeout)\n`,
    );
    expect(text).toMatch(/\n {2}worst hour of the week: [\d.]+ ms -> overloaded \(requests time out at the ALB idle timeout\)\n/);
    const diurnal = before.document.slo.scenarios[0];
    expect(diurnal.name).toBe("diurnal");
    const escaped = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const p99 = escaped(`${diurnal.worstP99Ms} ms -> overloaded (requests time out at the ALB idle timeout)`);
    expect(text).toMatch(new RegExp(`\\n {2}diurnal +pass -> FAIL +${p99} +0 minutes -> 1 minute +n/a +n/a\\n`));
  });

  it("GIVEN savings that rise THEN the points carry a plus sign", () => {
    const before = goldenDev();
    const after = goldenDev();
    after.document = clone(after.document);
    after.document.cost.savingsPercent = before.document.cost.savingsPercent + 2.5;
    expect(formatPlanDiff(diffPlans(before, after))).toContain(
      `Savings: ${percent(before.document.cost.savingsPercent)} -> ${percent(after.document.cost.savingsPercent)} (+2.5 points)`,
    );
  });

  it("GIVEN settings that appear, vanish or are empty WHEN printed THEN (not set), quoted empty text and JSON for the rest", () => {
    const before = goldenDev();
    const after = goldenDev();
    before.spec = { ...before.spec, tags: { ...before.spec.tags, Owner: "" } };
    after.spec = { ...after.spec, loadBalancer: { ...after.spec.loadBalancer, domainName: "api.example.com" } };
    const settings = diffPlans(before, after).settings;
    expect(settings).toEqual([
      { path: "tags.Owner", before: "", after: after.spec.tags.Owner },
      { path: "loadBalancer.domainName", before: null, after: "api.example.com" },
    ]);
    const text = formatPlanDiff(diffPlans(after, before));
    expect(text).toContain(`  tags.Owner: ${after.spec.tags.Owner} -> ""\n`);
    expect(text).toContain("  loadBalancer.domainName: api.example.com -> (not set)\n");
  });
});

describe("flattenSpec", () => {
  it("GIVEN nested objects, arrays, empty containers and undefined THEN dotted paths, arrays by index, empty ones as leaves, undefined left out", () => {
    expect([...flattenSpec({ a: { b: 1, c: [true, "x"], d: [], e: {}, f: undefined, g: null }, h: "top" }).entries()]).toEqual([
      ["a.b", 1],
      ["a.c[0]", true],
      ["a.c[1]", "x"],
      ["a.d", []],
      ["a.e", {}],
      ["a.g", null],
      ["h", "top"],
    ]);
  });

  it("GIVEN a map setting that empties WHEN printed THEN each key is its own path and the empty map prints as {}", () => {
    const before = goldenDev();
    const after = goldenDev();
    const api = before.spec.services.api;
    after.spec = { ...after.spec, services: { ...after.spec.services, api: { ...api, secrets: {} } } };
    before.spec = { ...before.spec, services: { ...before.spec.services, api: { ...api, secrets: { TOKEN: "arn:1" } } } };
    expect(formatPlanDiff(diffPlans(before, after))).toContain(
      "  services.api.secrets.TOKEN: arn:1 -> (not set)\n  services.api.secrets: (not set) -> {}\n",
    );
  });
});
