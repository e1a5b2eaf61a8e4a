import { CloudWatchClient, GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { mockClient } from "aws-sdk-client-mock";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { UsageError, runCommand } from "../../../lib/commands/cli";
import { RIGHTSIZE_USAGE, createRightsizeCommand, parseRightsizeArgs, rightsizeCommand } from "../../../lib/commands/rightsize";
import { PlatformSpec, webService } from "../../../lib/spec";
import { capturingIo, temporaryProject } from "./commandIo";
import { LEGACY_DEV_CONFIG, LEGACY_PROD_CONFIG, configArgs } from "../models/slo/fixtures";
import { describeCommandLineConventions, unreachable } from "../support/commandConventions";

const toyCost = (spec: PlatformSpec) => (webService(spec).cpu / 1024) * 30 + (webService(spec).memory / 1024) * 3;
const EXAMPLE = path.join(__dirname, "../../../examples/task-metrics.csv");
const cloudWatch = mockClient(CloudWatchClient);
/** The legacy stacks (fixtures.ts): the mechanics below are checked against their hand-checked numbers. */
const LEGACY_PROD = ["--stack", "prod", ...configArgs(LEGACY_PROD_CONFIG)];
const LEGACY_DEV = ["--stack", "dev", ...configArgs(LEGACY_DEV_CONFIG)];

beforeEach(() => cloudWatch.reset());

describe("rightsize command with a CSV file", () => {
  const command = createRightsizeCommand({ costOf: toyCost, projectDir: temporaryProject() });

  it("GIVEN the example measured on 1 vCPU / 2 GiB WHEN right-sizing the legacy prod stack (60% target) THEN it recommends 0.5 vCPU / 1 GiB and prints the config lines", async () => {
    const io = capturingIo();
    const code = await command(
      ["--metrics", EXAMPLE, ...LEGACY_PROD, "--config", "apiCpu=1024", "--config", "apiMemory=2048"],
      io,
    );
    expect(code).toBe(0);
    expect(io.stdout.join("\n")).toBe(
      [
        "Right-sizing from 360 samples of 3 task(s), 2026-11-02T14:00:00.000Z to 2026-11-02T15:59:00.000Z",
        "  configured size: 1024 CPU units / 2048 MiB (measured on 1024 / 2048)",
        "  observed: CPU p95 263.9 units (max 315.3), memory peak 439 MiB",
        "  needed: 440 CPU units (p95 / CPU target), 549 MiB (peak + 25%)",
        "Recommended: 512 CPU units / 1024 MiB",
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

  it("GIVEN --json WHEN right-sizing THEN the result is printed as JSON", async () => {
    const io = capturingIo();
    await command(["--metrics", EXAMPLE, ...LEGACY_PROD, "--json"], io);
    expect(JSON.parse(io.stdout.join("\n")).recommended).toEqual({ cpu: 512, memory: 1024 });
  });
});

describe("rightsize command on the legacy prod stack at a 45% CPU target", () => {
  const command = createRightsizeCommand({ costOf: toyCost, projectDir: temporaryProject() });

  it("GIVEN the example measured on 1 vCPU WHEN the stack is configured at 0.5 vCPU THEN 263.9 / 0.45 = 586 CPU units needs 1 vCPU: it costs $18 more than what `pulumi up` deploys, and says why", async () => {
    const io = capturingIo();
    expect(await command(["--metrics", EXAMPLE, ...LEGACY_PROD, "--config", "apiCpuTargetPercent=45"], io)).toBe(0);
    expect(io.stdout.join("\n")).toBe(
      [
        "Right-sizing from 360 samples of 3 task(s), 2026-11-02T14:00:00.000Z to 2026-11-02T15:59:00.000Z",
        "  configured size: 512 CPU units / 1024 MiB (measured on 1024 / 2048)",
        "  observed: CPU p95 263.9 units (max 315.3), memory peak 439 MiB",
        "  needed: 586 CPU units (p95 / CPU target), 549 MiB (peak + 25%)",
        "Recommended: 1024 CPU units / 2048 MiB",
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

  it("GIVEN the example WHEN right-sizing the default prod stack (0.5 vCPU, 80% target) THEN 263.9 / 0.8 = 330 CPU units keeps its 0.5 vCPU size", async () => {
    const io = capturingIo();
    expect(await command(["--metrics", EXAMPLE, "--stack", "prod"], io)).toBe(0);
    const text = io.stdout.join("\n");
    expect(text).toContain("  needed: 330 CPU units (p95 / CPU target), 549 MiB (peak + 25%)");
    expect(text).toContain("Recommended: 512 CPU units / 1024 MiB");
    expect(text).toMatch(/\$18\.00\/month vs \$18\.00 at the configured size: saves \$0\.00\/month\n/);
    expect(text).toMatch(/The stack config already has this size\.$/);
  });

  it("GIVEN the example WHEN right-sizing the default dev stack (1 vCPU, 75% target) THEN 263.9 / 0.75 = 352 CPU units would allow 0.5 vCPU, but the single off-hours task needs 1 vCPU for its p99", async () => {
    const io = capturingIo();
    expect(await command(["--metrics", EXAMPLE, "--stack", "dev"], io)).toBe(0);
    const text = io.stdout.join("\n");
    expect(text).toContain("  needed: 352 CPU units (p95 / CPU target), 549 MiB (peak + 25%)");
    expect(text).toContain("Recommended: 1024 CPU units / 2048 MiB");
    expect(text).toContain(
      "  note: Utilization alone allows 512 CPU / 1024 MiB; 1024 CPU is the smallest that meets the 200 ms p99 target in the SLO model.",
    );
    expect(text).toMatch(/\$36\.00\/month vs \$36\.00 at the configured size: saves \$0\.00\/month\n/);
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
      "Right-sizing from 3 samples of 1 task(s), 2026-11-02T14:00:00.000Z to 2026-11-02T14:02:00.000Z",
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
