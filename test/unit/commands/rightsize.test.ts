import { CloudWatchClient, GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { mockClient } from "aws-sdk-client-mock";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { UsageError, runCommand } from "../../../lib/commands/cli";
import { RIGHTSIZE_USAGE, createRightsizeCommand, parseRightsizeArgs, rightsizeCommand } from "../../../lib/commands/rightsize";
import { readTaskMetricsCsv } from "../../../lib/commands/metricsCsv";
import { p99Text } from "../../../lib/commands/plan/sloWords";
import { roundTo } from "../../../lib/models/round";
import { withSize } from "../../../lib/models/search/rightsize";
import { rightsizeConfidence } from "../../../lib/models/search/rightsizeConfidence";
import { p99LatencyMs } from "../../../lib/models/slo/latency";
import { PlatformSpec, webService } from "../../../lib/spec";
import { capturingIo, temporaryProject } from "./commandIo";
import { LEGACY_DEV_CONFIG, LEGACY_PROD_CONFIG, configArgs, legacyProdSpec, specFor } from "../models/slo/fixtures";
import { describeCommandLineConventions, unreachable } from "../support/commandConventions";

const toyCost = (spec: PlatformSpec) => (webService(spec).cpu / 1024) * 30 + (webService(spec).memory / 1024) * 3;
const EXAMPLE = path.join(__dirname, "../../../examples/task-metrics.csv");
const cloudWatch = mockClient(CloudWatchClient);
/** The legacy stacks (fixtures.ts): the mechanics below are checked against their hand-checked numbers. */
const LEGACY_PROD = ["--stack", "prod", ...configArgs(LEGACY_PROD_CONFIG)];
const LEGACY_DEV = ["--stack", "dev", ...configArgs(LEGACY_DEV_CONFIG)];

beforeEach(() => cloudWatch.reset());

/** The example's busiest minute: 14:48, 3 tasks, their summed CPU (the risk's peak load). */
const EXAMPLE_SAMPLES = readTaskMetricsCsv(EXAMPLE);
const PEAK_CPU = EXAMPLE_SAMPLES.filter((s) => s.timestamp === Date.parse("2026-11-02T14:48:00Z")).reduce(
  (sum, s) => sum + s.cpuUtilizedUnits,
  0,
);
const CPU_MS_PER_REQUEST = legacyProdSpec().workload.cpuMsPerRequest;
const PEAK_RPS = ((PEAK_CPU / 1024) * 1000) / CPU_MS_PER_REQUEST;
/** The text's risk line: the SLO model's p99 at the example's peak on its 3 tasks at `size`. */
function riskLines(size: { cpu: number; memory: number }, overrides: Record<string, string> = {}): string[] {
  const p99 = p99LatencyMs(withSize(legacyProdSpec(overrides), size), PEAK_RPS, 3);
  return [
    `  risk: p99 ${p99Text(roundTo(p99, 1))} at the observed peak (${roundTo(PEAK_RPS, 1)} rps on 3 tasks), within the 200 ms target`,
    `    assuming peak load = the most CPU used in one minute (${PEAK_CPU.toFixed(1)} CPU units over 3 tasks at 2026-11-02T14:48:00.000Z) / the workload's ${CPU_MS_PER_REQUEST} CPU ms per request = ${PEAK_RPS.toFixed(1)} rps, all CPU counted as request work; p99 from the SLO model (per-node routing, one node per AZ) at that rate on those 3 tasks at ${size.cpu} CPU / ${size.memory} MiB, before autoscaling adds any`,
  ];
}
const EXAMPLE_CONFIDENCE = "  confidence: low (series spans 2.0 hours, under the 14-day lookback; 2 hours of data, under 24)";
const EXAMPLE_WARNINGS = [
  "WARNING: The samples span 2.0 hours (first to last), under the 14-day lookback Compute Optimizer uses for Fargate: a weekly peak may be missing. Collect 14 days (--from-cloudwatch --days 14, or a 14-day CSV export).",
  "WARNING: 360 samples cover 2 clock hours, under the 24 hours of data Compute Optimizer requires before it recommends a Fargate size: too little to size from. Collect at least 24 hours, ideally 14 days (--from-cloudwatch --days 14).",
];

/** A CSV of one task sampled every hour for 14 days (337 rows), with `cpuAt(hour)` CPU units used. */
function denseCsv(cpuAt: (hour: number) => number, reserved = { cpu: 1024, memory: 2048 }): string {
  const rows = Array.from({ length: 14 * 24 + 1 }, (_, h) => {
    const time = new Date(Date.UTC(2026, 10, 2, 0, 0) + h * 3_600_000).toISOString();
    return `${time},task-a,${cpuAt(h)},${reserved.cpu},400,${reserved.memory}`;
  });
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "rightsize-")), "dense.csv");
  fs.writeFileSync(
    file,
    ["timestamp,taskId,cpuUtilizedUnits,cpuReservedUnits,memoryUtilizedMiB,memoryReservedMiB", ...rows].join("\n"),
  );
  return file;
}

describe("rightsize command with a CSV file", () => {
  const command = createRightsizeCommand({ costOf: toyCost, projectDir: temporaryProject() });

  it("GIVEN the example measured on 1 vCPU / 2 GiB WHEN right-sizing the legacy prod stack (60% target) THEN it recommends 0.5 vCPU / 1 GiB and prints the config lines", async () => {
    const io = capturingIo();
    const code = await command(
      ["--metrics", EXAMPLE, ...LEGACY_PROD, "--config", "apiCpu=1024", "--config", "apiMemory=2048"],
      io,
    );
    // THEN a low-confidence recommendation is still advice: exit 0, the warnings on stderr
    expect(code).toBe(0);
    expect(io.stderr).toEqual(EXAMPLE_WARNINGS);
    expect(io.stdout.join("\n")).toBe(
      [
        "Right-sizing from 360 samples of 3 tasks, 2026-11-02T14:00:00.000Z to 2026-11-02T15:59:00.000Z",
        "  configured size: 1024 CPU units / 2048 MiB (measured on 1024 / 2048)",
        "  observed: CPU p95 263.9 units (max 315.3), memory peak 439 MiB",
        "  needed: 440 CPU units (p95 / CPU target), 549 MiB (peak + 25%)",
        "Recommended: 512 CPU units / 1024 MiB",
        "  finding: over-provisioned (the configured 1024 CPU / 2048 MiB is more than the samples need)",
        EXAMPLE_CONFIDENCE,
        ...riskLines({ cpu: 512, memory: 1024 }),
        "  $18.00/month vs $36.00 at the configured size: saves $18.00/month",
        "Apply with:",
        "  pulumi config set --stack prod apiCpu 512",
        "  pulumi config set --stack prod apiMemory 1024",
      ].join("\n"),
    );
  });

  it("GIVEN the legacy dev stack (at most 4 tasks) WHEN right-sizing THEN the latency floor keeps 1 vCPU and the notes say why", async () => {
    const io = capturingIo();
    expect(await command(["--metrics", EXAMPLE, ...LEGACY_DEV], io)).toBe(0);
    const text = io.stdout.join("\n");
    expect(text).toContain("Recommended: 1024 CPU units / 2048 MiB");
    expect(text).toContain("  $36.00/month vs $9.00 at the configured size: COSTS $27.00/month MORE than the configured size");
    expect(text).toContain(
      "  why larger: 1024 CPU / 2048 MiB is larger than the configured 256 / 512: the per-task rule asks for p95 CPU 263.9 units / CPU target 60% = 440 CPU units, more than the configured 256; peak memory + 25% = 549 MiB, more than the configured 512; the SLO model needs 1024 CPU units to keep p99 under 200 ms.",
    );
    expect(text).toContain(
      "  note: Utilization alone allows 512 CPU / 1024 MiB; 1024 CPU is the smallest that meets the 200 ms p99 target in the SLO model.",
    );
  });

  it("GIVEN tasks measured on 0.5 vCPU, a stack configured at 0.5 vCPU and the SLO model needing 1 vCPU WHEN right-sizing THEN it says plainly the change costs more", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "rightsize-")), "small.csv");
    fs.writeFileSync(file, fs.readFileSync(EXAMPLE, "utf8").replace(/,1024,(\d+),2048$/gm, ",512,$1,1024"));
    const io = capturingIo();
    await command(["--metrics", file, ...LEGACY_DEV, "--config", "apiCpu=512", "--config", "apiMemory=1024"], io);
    expect(io.stdout.join("\n")).toContain(
      "  $36.00/month vs $18.00 at the configured size: COSTS $18.00/month MORE than the configured size",
    );
  });

  it("GIVEN a stack already at the recommended size (legacy prod) WHEN right-sizing THEN no config line is printed", async () => {
    const io = capturingIo();
    await command(["--metrics", EXAMPLE, ...LEGACY_PROD], io);
    expect(io.stdout.join("\n")).toMatch(/The stack config already has this size\.$/);
  });

  it("GIVEN --json WHEN right-sizing THEN the document carries the finding, the confidence, the warnings and the risk, and stderr stays empty", async () => {
    const io = capturingIo();
    expect(await command(["--metrics", EXAMPLE, ...LEGACY_PROD, "--json"], io)).toBe(0);
    const document = JSON.parse(io.stdout.join("\n"));
    expect(io.stderr).toEqual([]);
    expect(Object.keys(document)).toEqual([
      "finding",
      "confidence",
      "warnings",
      "risk",
      "window",
      "measured",
      "configured",
      "observed",
      "needed",
      "recommended",
      "currentMonthlyUsd",
      "recommendedMonthlyUsd",
      "monthlySavingsUsd",
      "largerBecause",
      "notes",
      "configLines",
    ]);
    expect(document.recommended).toEqual({ cpu: 512, memory: 1024 });
    expect(document.finding).toBe("optimal");
    expect(document.confidence).toEqual({
      level: "low",
      reasons: ["series spans 2.0 hours, under the 14-day lookback", "2 hours of data, under 24"],
    });
    expect(document.warnings).toEqual(rightsizeConfidence(EXAMPLE_SAMPLES).warnings);
    expect(document.warnings.map((w: string) => `WARNING: ${w}`)).toEqual(EXAMPLE_WARNINGS);
    expect(Object.keys(document.risk)).toEqual([
      "p99Ms",
      "targetP99Ms",
      "meetsTarget",
      "peak",
      "tasks",
      "utilization",
      "assumption",
    ]);
    const p99 = p99LatencyMs(withSize(legacyProdSpec(), { cpu: 512, memory: 1024 }), PEAK_RPS, 3);
    expect([document.risk.p99Ms, document.risk.targetP99Ms, document.risk.meetsTarget, document.risk.tasks]).toEqual([
      p99,
      200,
      true,
      3,
    ]);
    expect(document.risk.peak).toEqual({ at: "2026-11-02T14:48:00.000Z", cpuUnits: PEAK_CPU, rps: PEAK_RPS });
    expect(`    assuming ${document.risk.assumption}`).toBe(riskLines({ cpu: 512, memory: 1024 })[1]);
  });

  it("GIVEN 14 days of hourly samples within their reservation WHEN right-sizing THEN the confidence is high and nothing is written to stderr", async () => {
    const io = capturingIo();
    expect(await command(["--metrics", denseCsv(() => 250), ...LEGACY_PROD], io)).toBe(0);
    expect(io.stderr).toEqual([]);
    expect(io.stdout.join("\n")).toContain("\n  confidence: high\n");
  });

  it("GIVEN 14 dense days where one sample uses 1500 CPU units of 1024 reserved WHEN right-sizing THEN the warning on stderr names the numbers and the confidence is low", async () => {
    const io = capturingIo();
    expect(await command(["--metrics", denseCsv((h) => (h === 30 ? 1500 : 250)), ...LEGACY_PROD], io)).toBe(0);
    expect(io.stderr).toEqual([
      'WARNING: 1 of 337 samples uses more CPU than reserved (up to 1500 CPU units used of 1024 reserved, task task-a at 2026-11-03T06:00:00.000Z); a Fargate task cannot use more than its task-level CPU, so cpuReservedUnits is not the task-level size (a container\'s reservation?) or the data is wrong. Export the Container Insights Type = "Task" events (docs/slo-model.md) and run again.',
    ]);
    expect(io.stdout.join("\n")).toContain(
      "\n  confidence: low (CPU used above reserved in 1 of 337 samples (up to 1500 CPU units used of 1024 reserved))\n",
    );
  });

  it("GIVEN one task at 1000 CPU units WHEN the recommendation is capped at 1 vCPU (one process) THEN the risk line says it MISSES the target with the SLO model's p99", async () => {
    const io = capturingIo();
    await command(["--metrics", denseCsv(() => 1000), ...LEGACY_PROD], io);
    const rps = ((1000 / 1024) * 1000) / CPU_MS_PER_REQUEST;
    const p99 = p99LatencyMs(withSize(legacyProdSpec(), { cpu: 1024, memory: 2048 }), rps, 1);
    expect(io.stdout.join("\n")).toContain(
      `\n  risk: p99 ${roundTo(p99, 1)} ms at the observed peak (${roundTo(rps, 1)} rps on 1 task), MISSES the 200 ms target\n    assuming peak load = the most CPU used in one minute (1000.0 CPU units over 1 task at 2026-11-02T00:00:00.000Z) / the workload's ${CPU_MS_PER_REQUEST} CPU ms per request = ${rps.toFixed(1)} rps, all CPU counted as request work; p99 from the SLO model (per-node routing, one node per AZ) at that rate on that task at 1024 CPU / 2048 MiB, before autoscaling adds any\n`,
    );
  });

  it("GIVEN one task of 2 vCPU that used 1100 CPU units WHEN the recommendation is capped at 1 vCPU THEN the queue has no steady state: the risk reads overloaded", async () => {
    const io = capturingIo();
    await command(["--metrics", denseCsv(() => 1100, { cpu: 2048, memory: 4096 }), ...LEGACY_PROD], io);
    const rps = ((1100 / 1024) * 1000) / CPU_MS_PER_REQUEST;
    expect(p99LatencyMs(withSize(legacyProdSpec(), { cpu: 1024, memory: 2048 }), rps, 1)).toBe(Infinity);
    expect(io.stdout.join("\n")).toContain(
      `\n  risk: p99 overloaded (requests time out at the ALB idle timeout) at the observed peak (${roundTo(rps, 1)} rps on 1 task), MISSES the 200 ms target\n`,
    );
  });
});

describe("rightsize command on the legacy prod stack at a 45% CPU target", () => {
  const command = createRightsizeCommand({ costOf: toyCost, projectDir: temporaryProject() });

  it("GIVEN the example measured on 1 vCPU WHEN the stack is configured at 0.5 vCPU THEN 263.9 / 0.45 = 586 CPU units needs 1 vCPU: it costs $18 more than what `pulumi up` deploys, and says why", async () => {
    const io = capturingIo();
    expect(await command(["--metrics", EXAMPLE, ...LEGACY_PROD, "--config", "apiCpuTargetPercent=45"], io)).toBe(0);
    expect(io.stdout.join("\n")).toBe(
      [
        "Right-sizing from 360 samples of 3 tasks, 2026-11-02T14:00:00.000Z to 2026-11-02T15:59:00.000Z",
        "  configured size: 512 CPU units / 1024 MiB (measured on 1024 / 2048)",
        "  observed: CPU p95 263.9 units (max 315.3), memory peak 439 MiB",
        "  needed: 586 CPU units (p95 / CPU target), 549 MiB (peak + 25%)",
        "Recommended: 1024 CPU units / 2048 MiB",
        "  finding: under-provisioned (the configured 512 CPU / 1024 MiB is less than the samples need)",
        EXAMPLE_CONFIDENCE,
        ...riskLines({ cpu: 1024, memory: 2048 }, { apiCpuTargetPercent: "45" }),
        "  $36.00/month vs $18.00 at the configured size: COSTS $18.00/month MORE than the configured size",
        "  why larger: 1024 CPU / 2048 MiB is larger than the configured 512 / 1024: the per-task rule asks for p95 CPU 263.9 units / CPU target 45% = 586 CPU units, more than the configured 512.",
        "  note: The samples were measured on 1024 CPU / 2048 MiB, the stack config says 512 / 1024: savings are against the configured size, the one `pulumi up` deploys.",
        "Apply with:",
        "  pulumi config set --stack prod apiCpu 1024",
        "  pulumi config set --stack prod apiMemory 2048",
      ].join("\n"),
    );
  });
});

describe("rightsize command on the default stacks (the optimizer's winners)", () => {
  const command = createRightsizeCommand({ costOf: toyCost, projectDir: temporaryProject() });

  // The defaults' CPU targets, as the stacks resolve them (they move whenever the defaults are re-derived):
  // p95 263.9 CPU units / the target is the per-task need, more than 512 at any target up to 51%.
  const target = (environment: "dev" | "prod") => webService(specFor(environment)).cpuTargetPercent;
  const needed = (environment: "dev" | "prod") => Math.round(263.9 / (target(environment) / 100));

  // The default prod stack runs many small tasks at a low target (0.5 vCPU): the per-task rule, which
  // sizes one task for p95 CPU at the target, asks for 1 vCPU there and costs more than the default.
  it(`GIVEN the example WHEN right-sizing the default prod stack (0.5 vCPU, ${target("prod")}% target) THEN 263.9 / ${target("prod") / 100} = ${needed("prod")} CPU units needs 1 vCPU: it costs $18 more than the default size, and says why`, async () => {
    expect(webService(specFor("prod")).cpu).toBe(512);
    expect(needed("prod")).toBeGreaterThan(512);
    const io = capturingIo();
    expect(await command(["--metrics", EXAMPLE, "--stack", "prod"], io)).toBe(0);
    const text = io.stdout.join("\n");
    expect(text).toContain(`  needed: ${needed("prod")} CPU units (p95 / CPU target), 549 MiB (peak + 25%)`);
    expect(text).toContain("Recommended: 1024 CPU units / 2048 MiB");
    expect(text).toContain(
      `  why larger: 1024 CPU / 2048 MiB is larger than the configured 512 / 1024: the per-task rule asks for p95 CPU 263.9 units / CPU target ${target("prod")}% = ${needed("prod")} CPU units, more than the configured 512.`,
    );
    expect(text).toMatch(
      /\$36\.00\/month vs \$18\.00 at the configured size: COSTS \$18\.00\/month MORE than the configured size\n/,
    );
    expect(text).toMatch(
      /\nApply with:\n {2}pulumi config set --stack prod apiCpu 1024\n {2}pulumi config set --stack prod apiMemory 2048$/,
    );
  });

  it(`GIVEN the example WHEN right-sizing the default dev stack (1 vCPU, ${target("dev")}% target) THEN 263.9 / ${target("dev") / 100} = ${needed("dev")} CPU units needs 1 vCPU by utilization alone: it keeps its size`, async () => {
    expect(webService(specFor("dev")).cpu).toBe(1024);
    expect(needed("dev")).toBeGreaterThan(512);
    const io = capturingIo();
    expect(await command(["--metrics", EXAMPLE, "--stack", "dev"], io)).toBe(0);
    const text = io.stdout.join("\n");
    expect(text).toContain(`  needed: ${needed("dev")} CPU units (p95 / CPU target), 549 MiB (peak + 25%)`);
    expect(text).toContain("Recommended: 1024 CPU units / 2048 MiB");
    expect(text).toContain("  finding: optimal (the configured 1024 CPU / 2048 MiB is the recommended size)");
    // Utilization alone asks for more than 512, so the SLO model's floor adds no note.
    expect(text).not.toContain("  note: Utilization alone allows");
    expect(text).toMatch(/\$36\.00\/month vs \$36\.00 at the configured size: saves \$0\.00\/month\n/);
    expect(text).toMatch(/The stack config already has this size\.$/);
  });
});

describe("rightsize command from CloudWatch", () => {
  const minute = (m: number) => new Date(Date.UTC(2026, 10, 2, 14, m));
  const result = (Id: string, values: number[]) => ({ Id, Timestamps: values.map((_, i) => minute(i)), Values: values });

  it("GIVEN Container Insights sums for 2 tasks WHEN right-sizing with --from-cloudwatch THEN it reads the service and recommends from the mean task", async () => {
    cloudWatch.on(GetMetricDataCommand).resolves({
      MetricDataResults: [
        result("cpuUtilized", [500, 520, 480]),
        result("cpuReserved", [2048, 2048, 2048]),
        result("memoryUtilized", [800, 820, 780]),
        result("memoryReserved", [4096, 4096, 4096]),
        result("tasks", [2, 2, 2]),
      ],
    });
    const io = capturingIo();
    const now = () => new Date("2026-11-03T00:00:00Z");
    const command = createRightsizeCommand({ costOf: toyCost, projectDir: temporaryProject(), now });
    expect(
      await command(
        [
          "--from-cloudwatch",
          "--cluster",
          "ecs-cluster-prod",
          "--service",
          "api-prod",
          "--days",
          "1",
          ...LEGACY_PROD,
          "--config",
          "apiCpu=1024",
          "--config",
          "apiMemory=2048",
        ],
        io,
      ),
    ).toBe(0);
    expect(io.stdout.join("\n")).toContain(
      "Right-sizing from 3 samples of 1 task, 2026-11-02T14:00:00.000Z to 2026-11-02T14:02:00.000Z",
    );
    expect(io.stdout.join("\n")).toContain("Recommended: 512 CPU units / 1024 MiB");
    const input = cloudWatch.commandCalls(GetMetricDataCommand)[0].args[0].input;
    expect([input.StartTime, input.EndTime]).toEqual([new Date("2026-11-02T00:00:00Z"), new Date("2026-11-03T00:00:00Z")]);
  });

  it("GIVEN no clock injected WHEN reading CloudWatch THEN the window ends now", async () => {
    cloudWatch.on(GetMetricDataCommand).resolves({ MetricDataResults: [result("cpuUtilized", [1])] });
    const io = capturingIo();
    const before = Date.now();
    const command = createRightsizeCommand({ costOf: toyCost, projectDir: temporaryProject() });
    await expect(command(["--from-cloudwatch", "--cluster", "c", "--service", "s"], io)).rejects.toThrow(UsageError);
    const end = cloudWatch.commandCalls(GetMetricDataCommand)[0].args[0].input.EndTime as Date;
    expect(end.getTime()).toBeGreaterThanOrEqual(before);
  });
});

describe("rightsize arguments", () => {
  it.each([
    [[], "give exactly one of --metrics <file.csv> and --from-cloudwatch"],
    [["--metrics", "a.csv", "--from-cloudwatch"], "give exactly one of --metrics <file.csv> and --from-cloudwatch"],
    [["--from-cloudwatch", "--cluster", "c"], "--from-cloudwatch needs --cluster <name> and --service <name>"],
    [["--from-cloudwatch", "--service", "s"], "--from-cloudwatch needs --cluster <name> and --service <name>"],
    [["--metrics", "a.csv", "--days", "two"], '--days must be a whole number from 1 to 63, got "two"'],
    [["--metrics", "a.csv", "--days", "0"], '--days must be a whole number from 1 to 63, got "0"'],
    [["--metrics", "a.csv", "--days", "64"], '--days must be a whole number from 1 to 63, got "64"'],
    [["--metrics"], "Option '--metrics <value>' argument missing"],
  ])("GIVEN %j WHEN parsing THEN a usage error explains it and shows the usage", (argv, message) => {
    expect(() => parseRightsizeArgs(argv)).toThrow(UsageError);
    expect(() => parseRightsizeArgs(argv)).toThrow(message);
    expect(() => parseRightsizeArgs(argv)).toThrow(RIGHTSIZE_USAGE);
  });

  it("GIVEN --from-cloudwatch with names WHEN parsing THEN the defaults are 14 days and the dev stack", () => {
    expect(parseRightsizeArgs(["--from-cloudwatch", "--cluster", "c", "--service", "s"])).toEqual({
      metrics: undefined,
      fromCloudWatch: true,
      cluster: "c",
      service: "s",
      days: 14,
      stack: "dev",
      overrides: [],
      json: false,
      help: false,
    });
  });

  it("GIVEN --help WHEN running the command THEN the usage is printed without other checks", async () => {
    const io = capturingIo();
    expect(await rightsizeCommand(["--help"], io)).toBe(0);
    expect(io.stdout).toEqual([RIGHTSIZE_USAGE]);
  });

  it("GIVEN no project directory WHEN running THEN the stack file is looked up in the working directory", async () => {
    const io = capturingIo();
    await expect(rightsizeCommand(["--metrics", EXAMPLE, "--stack", "no-such-stack"], io)).rejects.toThrow(
      `Pulumi.no-such-stack.yaml not found in ${process.cwd()}`,
    );
  });

  it("GIVEN a missing file WHEN running through the CLI runner THEN it exits 2 with the message", async () => {
    const io = capturingIo();
    const command = createRightsizeCommand({ costOf: toyCost, projectDir: temporaryProject() });
    expect(await runCommand(command, ["--metrics", "/nonexistent/m.csv"], io)).toBe(2);
    expect(io.stderr[0]).toMatch(/^cannot read --metrics file \/nonexistent\/m\.csv: ENOENT/);
  });
});

describeCommandLineConventions(
  "rightsize",
  () => createRightsizeCommand({ costOf: unreachable, projectDir: "/nonexistent", now: unreachable }),
  RIGHTSIZE_USAGE,
);
