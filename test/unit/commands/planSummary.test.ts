import { resolveSpec } from "../../../lib/stackSpec";
import { webService } from "../../../lib/spec";
import { readFileSync } from "fs";
import { stripVTControlCharacters } from "util";
import { join } from "path";
import { formatPlanSummary, resourceSummary, settingsSummary, verdictText } from "../../../lib/commands/plan/planSummary";
import { PROJECT_DIR } from "../../../lib/commands/schema";
import { loadStack } from "../../../lib/commands/stackConfig";
import { targetsExitCode } from "../../../lib/commands/plan/planExitCode";
import { PlanDocument } from "../../../lib/commands/plan/planDocument";
import { ansiPaint } from "../../../lib/commands/colors";
import { formatSloReport } from "../../../lib/commands/plan/sloText";
import { captureIo } from "../support/captureIo";
import { mapSource } from "../support/configSource";

const CERT = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666";
// Prod's default minimum (3) equals its off-hours minimum (3), so it schedules nothing: the minimum
// is pinned at 19 (the business-hours minimum before December 2026) for the schedule to be listed.
const prod = resolveSpec(mapSource({ environmentSuffix: "prod", environment: "prod", certificateArn: CERT, apiMinTasks: "19" }), {
  project: "p",
  stack: "prod",
});

describe("plan summary", () => {
  it("GIVEN prod with a business-hours minimum of 19 THEN the settings show the on-demand base, the off-hours schedule and the configured certificate", () => {
    const lines = settingsSummary(prod);
    // The default prod split, as the spec resolves it: the on-demand base, then the two weights.
    const api = webService(prod);
    expect(api.onDemandBase).toBeGreaterThan(0);
    expect(lines).toContain(
      `  capacity: FARGATE base ${api.onDemandBase} weight ${api.onDemandWeight}, FARGATE_SPOT weight ${api.spotWeight}`,
    );
    expect(lines).toContain(
      "  scheduled minimum: cron(0 7 ? * MON-FRI *) US Eastern (America/New_York) -> min 19, cron(0 20 ? * MON-FRI *) US Eastern (America/New_York) -> min 3; predictive: forecastOnly",
    );
    expect(lines).toContain(`TLS: ${CERT}`);
    expect(lines).toContain(
      "  NAT gateways: perAz (3); interface endpoints (ECR api, ECR dkr, Logs): off (setting: auto); gateway endpoints (S3, DynamoDB): on",
    );
  });

  it("GIVEN staging with a business-hours minimum of 10 THEN the off-hours schedule is listed", () => {
    // Staging's default minimum (1) equals its off-hours minimum (1): pinned at 10 so there is a schedule.
    const staging = resolveSpec(mapSource({ environmentSuffix: "staging", environment: "staging", apiMinTasks: "10" }), {
      project: "p",
      stack: "staging",
    });
    expect(settingsSummary(staging)).toContain(
      "  scheduled minimum: cron(0 7 ? * MON-FRI *) US Eastern (America/New_York) -> min 10, cron(0 20 ? * MON-FRI *) US Eastern (America/New_York) -> min 1; predictive: forecastOnly",
    );
  });

  it("GIVEN scheduled scaling off THEN the schedule reads off", () => {
    const spec = resolveSpec(mapSource({ environmentSuffix: "dev", scheduledScaling: "false" }), { project: "p", stack: "dev" });
    expect(settingsSummary(spec)).toContain("  scheduled minimum: off; predictive: forecastOnly");
  });

  it("GIVEN a configured API image THEN the summary names it instead of the reference build", () => {
    const spec = resolveSpec(mapSource({ environmentSuffix: "dev", containerImage: "ghcr.io/acme/api:3" }), {
      project: "p",
      stack: "dev",
    });
    expect(settingsSummary(spec).filter((l) => l.startsWith("  image: "))).toEqual([
      "  image: ghcr.io/acme/api:3",
      "  image: reference payment service (worker mode), built from app/ and pushed to ECR repository payment-service-dev (needs Docker with buildx)",
    ]);
  });

  it("GIVEN interface endpoints forced on THEN the summary says on", () => {
    const spec = resolveSpec(mapSource({ environmentSuffix: "dev", interfaceEndpoints: "on" }), { project: "p", stack: "dev" });
    expect(settingsSummary(spec)).toContain(
      "  NAT gateways: single (1); interface endpoints (ECR api, ECR dkr, Logs): on (setting: on); gateway endpoints (S3, DynamoDB): on",
    );
  });

  it("GIVEN the dev defaults WHEN the settings are summarized THEN the worker has its own lines: its size, all-Spot capacity, one CPU policy and the reference image in worker mode", () => {
    const lines = settingsSummary(resolveSpec(mapSource({ environmentSuffix: "dev" }), { project: "p", stack: "dev" }));
    const at = lines.indexOf("Worker service: 0.25 vCPU / 512 MiB ARM64, tasks min 1 / desired 1 / max 2");
    expect(at).toBeGreaterThan(lines.findIndex((l) => l.startsWith("API service: ")));
    expect(lines.slice(at, at + 4)).toEqual([
      "Worker service: 0.25 vCPU / 512 MiB ARM64, tasks min 1 / desired 1 / max 2",
      "  capacity: FARGATE_SPOT weight 1; scaling: ECSServiceAverageCPUUtilizationHighResolution 70",
      "  image: reference payment service (worker mode), built from app/ and pushed to ECR repository payment-service-dev (needs Docker with buildx)",
      "TLS: self-signed certificate imported into ACM",
    ]);
  });

  it("GIVEN a component without children THEN it is left out of the resource list", () => {
    const document = {
      resources: [
        { type: "payment:platform:PaymentPlatform", name: "root", parent: null },
        { type: "payment:empty:Empty", name: "empty", parent: "root" },
        { type: "aws:ec2/vpc:Vpc", name: "vpc", parent: "root" },
      ],
    } as PlanDocument;
    expect(resourceSummary(document)).toEqual([
      "Resources: 3 (2 components)",
      "  root (payment:platform:PaymentPlatform): 1",
      "      1  aws:ec2/vpc:Vpc",
    ]);
  });
});

describe("plan exit code", () => {
  it("GIVEN an overloaded peak, a failing scenario and a failing steady state THEN exit 4, the peak is called unbounded and both are named", () => {
    const io = captureIo();
    const document = {
      policies: { violations: [], mandatory: 0, advisory: 0 },
      cost: { meetsTarget: true },
      slo: {
        meetsTarget: false,
        targetP99Ms: 200,
        peak: { p99Ms: null },
        scenarios: [
          { name: "diurnal", passed: false },
          { name: "spike", passed: true },
        ],
        steadyStates: [
          { name: "peak", passed: false },
          { name: "worst-hour", passed: true },
          { name: "az-loss", passed: false },
        ],
      },
    } as unknown as PlanDocument;
    expect(targetsExitCode(document, io)).toBe(4);
    expect(io.stderr).toEqual([
      "SLO missed: p99 must stay under 200 ms (peak hour p99 overloaded (requests time out at the ALB idle timeout); failing scenarios: diurnal; steady states over the target in the routing simulation: peak, az-loss). Run `npm run optimize` for the cheapest settings that pass.",
    ]);
  });

  it("GIVEN only the hourly p99 misses THEN no scenario and no steady state is named", () => {
    const io = captureIo();
    const document = {
      policies: { violations: [], mandatory: 0, advisory: 0 },
      cost: { meetsTarget: true },
      slo: {
        meetsTarget: false,
        targetP99Ms: 200,
        peak: { p99Ms: 250 },
        scenarios: [],
        steadyStates: [{ name: "peak", passed: true }],
      },
    } as unknown as PlanDocument;
    expect(targetsExitCode(document, io)).toBe(4);
    expect(io.stderr[0]).toContain(
      "(peak hour p99 250 ms; failing scenarios: none; steady states over the target in the routing simulation: none)",
    );
  });
});

describe("the summary's verdict", () => {
  it("GIVEN the golden dev plan WHEN summarized THEN the verdict comes right after the title, before the settings, with the exit code last", () => {
    const document = JSON.parse(readFileSync(join(__dirname, "../../golden/plan-dev.json"), "utf8")) as PlanDocument;
    const spec = loadStack(PROJECT_DIR, "dev", []).spec;
    const lines = formatPlanSummary(document, spec).split("\n");
    const verdict = verdictText(document, spec);
    expect(lines.slice(2, 2 + verdict.length)).toEqual(verdict);
    expect(verdict.map((line) => line.replace(/[:;].*/, ""))).toEqual([
      "Verdict",
      "  Monthly cost",
      "  Savings",
      "  p99 latency (target 200 ms)",
      "    peak hour",
      "    worst hour",
      "    all 4 scenarios pass",
      "  Exit code",
    ]);
    expect(verdict.at(-1)).toBe("  Exit code: 0: savings and p99 targets met");
    expect(lines[2 + verdict.length + 1]).toMatch(/^Network: /);
  });
});

describe("the summary in colour", () => {
  const document = JSON.parse(readFileSync(join(__dirname, "../../golden/plan-dev.json"), "utf8")) as PlanDocument;
  const spec = loadStack(PROJECT_DIR, "dev", []).spec;
  const plain = formatPlanSummary(document, spec);
  const coloured = formatPlanSummary(document, spec, ansiPaint);

  it("GIVEN the ANSI paint WHEN summarizing the passing dev plan THEN the three verdicts (savings, p99, exit code), the cost verdict and every PASS (scenarios and steady states) are green, and nothing else changes", () => {
    const green = (word: string) => ansiPaint(word, "good");
    const { cost } = document;
    expect(coloured).toContain(
      `  Savings: ${green(`$${cost.savingsUsd.toFixed(2)} per month (${cost.savingsPercent.toFixed(1)}%) against the 40% target: met`)}\n`,
    );
    expect(coloured.split("\n").filter((line) => line.includes("\u001b[32m"))).toHaveLength(
      3 + 1 + document.slo.scenarios.length + document.slo.steadyStates.length,
    );
    expect(document.slo.steadyStates).toHaveLength(5);
    expect(coloured).toContain(`  p99 latency (target 200 ms): ${green("met")}`);
    expect(coloured).toContain(`  Exit code: ${green("0: savings and p99 targets met")}`);
    expect(coloured).toContain(`, ${green("meets")} the 40% target.`);
    expect(stripVTControlCharacters(coloured)).toBe(plain);
  });

  it("GIVEN a plan that misses its targets WHEN summarized in colour THEN the misses and FAIL (scenarios and steady states) are bold red", () => {
    const failing: PlanDocument = {
      ...document,
      cost: { ...document.cost, meetsTarget: false },
      slo: {
        ...document.slo,
        meetsTarget: false,
        scenarios: document.slo.scenarios.map((s) => ({ ...s, passed: false })),
        steadyStates: document.slo.steadyStates.map((s) => ({ ...s, passed: false })),
      },
    };
    const text = formatPlanSummary(failing, spec, ansiPaint);
    const red = (word: string) => ansiPaint(word, "bad");
    expect(text).toContain(`  p99 latency (target 200 ms): ${red("missed")}`);
    expect(text).toContain(`, ${red("MISSES")} the 40% target.`);
    expect(text.split("\n").filter((line) => line.startsWith(`  ${red("FAIL")} `))).toHaveLength(document.slo.scenarios.length);
    expect(text.split("\n").filter((line) => line.startsWith(`    ${red("FAIL")} `))).toHaveLength(
      document.slo.steadyStates.length,
    );
  });
});

describe("the SLO section's steady states", () => {
  const document = JSON.parse(readFileSync(join(__dirname, "../../golden/plan-dev.json"), "utf8")) as PlanDocument;

  it("GIVEN the golden dev SLO report WHEN formatted without a paint THEN the routing line and one plain PASS line per steady state follow the scenarios, as in the golden text", () => {
    const text = formatSloReport(document.slo, 60);
    const lines = text.split("\n");
    const at = lines.findIndex((line) => line.startsWith("  routing: "));
    // One line per steady state, the golden's seeded routing simulation (test/golden/plan-dev.json).
    const stateLine = (c: PlanDocument["slo"]["steadyStates"][number]) =>
      `    PASS ${c.name.padEnd(13)}${c.rps} rps on ${c.tasks} task${c.tasks === 1 ? "" : "s"}, ${c.nodes} node${c.nodes === 1 ? "" : "s"}, ` +
      `utilization ${Math.round(c.utilization! * 1000) / 10}%: p99 ${c.simulatedP99Ms} ms simulated (approximation ${c.approximationP99Ms} ms)`;
    expect(document.slo.steadyStates.map((c) => [c.name, c.passed])).toEqual([
      ["peak", true],
      ["worst-hour", true],
      ["spot-reclaim", true],
      ["az-loss", true],
      ["spike", true],
    ]);
    expect(lines.slice(at)).toEqual([
      "  routing: per-node least outstanding requests: 2 load-balancer nodes (one per enabled AZ), each routing to the target with the fewest requests it has outstanding there, counted through the downstream phase",
      "  steady states, re-checked by the routing simulation:",
      ...document.slo.steadyStates.map(stateLine),
      "  meets target: yes",
    ]);
    // The worst hour is one task at night: the singular is printed.
    expect(lines[at + 3]).toMatch(/^ {4}PASS worst-hour {3}[\d.]+ rps on 1 task, 2 nodes, /);
    expect(lines[at - 1]).toMatch(/^ {2}PASS az-loss /);
    expect(readFileSync(join(__dirname, "../../golden/plan-dev.txt"), "utf8")).toContain(`${text}\n`);
  });

  it("GIVEN an overloaded spike plateau (7 tasks at 750 rps) and a Spot reclaim with no task in service WHEN formatted THEN each is a FAIL line with both p99s worded as overload, the second without a utilization", () => {
    const slo = {
      ...document.slo,
      steadyStates: [
        {
          name: "spike" as const,
          rps: 750,
          tasks: 7,
          nodes: 2,
          utilization: 1.0714,
          approximationP99Ms: null,
          simulatedP99Ms: null,
          passed: false,
        },
        {
          name: "spot-reclaim" as const,
          rps: 250,
          tasks: 0,
          nodes: 2,
          utilization: null,
          approximationP99Ms: null,
          simulatedP99Ms: null,
          passed: false,
        },
      ],
    };
    expect(
      formatSloReport(slo, 60)
        .split("\n")
        .filter((line) => line.startsWith("    ")),
    ).toEqual([
      "    FAIL spike        750 rps on 7 tasks, 2 nodes, utilization 107.1%: p99 overloaded (requests time out at the ALB idle timeout) simulated (approximation overloaded (requests time out at the ALB idle timeout))",
      "    FAIL spot-reclaim 250 rps on 0 tasks, 2 nodes, utilization no task in service: p99 overloaded (requests time out at the ALB idle timeout) simulated (approximation overloaded (requests time out at the ALB idle timeout))",
    ]);
  });
});
