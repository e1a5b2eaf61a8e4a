import { UsageError, runCommand } from "../../../lib/commands/cli";
import { OPTIMIZE_USAGE, createOptimizeCommand, optimizeCommand } from "../../../lib/commands/optimize";
import { PlatformSpec, webService } from "../../../lib/spec";
import { capturingIo, temporaryProject } from "./commandIo";
import { LEGACY_DEV_CONFIG, LEGACY_PROD_CONFIG, SMALL_SEARCH as SMALL, configArgs } from "../models/slo/fixtures";
import { describeCommandLineConventions, unreachable } from "../support/commandConventions";

const toyCost = (spec: PlatformSpec) =>
  (spec.cpuArchitecture === "ARM64" ? 0.8 : 1) * (webService(spec).minTasks + 100 / webService(spec).cpuTargetPercent);
const fixedClock = () => {
  const ticks = [0, 1500];
  return () => ticks.shift() as number;
};
/** The legacy stacks (fixtures.ts): the mechanics below are checked against their hand-checked numbers. */
const LEGACY_PROD = ["--stack", "prod", ...configArgs(LEGACY_PROD_CONFIG)];
const LEGACY_DEV = ["--stack", "dev", ...configArgs(LEGACY_DEV_CONFIG)];

describe("optimize command", () => {
  const projectDir = temporaryProject();

  it("GIVEN the legacy prod stack (its spike fails) WHEN optimizing THEN it prints the current settings, the winner, the runner-up and the config lines, and exits 0", async () => {
    const io = capturingIo();
    const command = createOptimizeCommand({ costOf: toyCost, projectDir, search: { ...SMALL, now: fixedClock() } });
    expect(await command(LEGACY_PROD, io)).toBe(0);
    expect(io.stdout.join("\n")).toBe(
      [
        "Optimizer for payment-platform / prod: 16 candidates, 4 dropped unsimulated (steady-state p99, or a maximum below the spike's capacity), 12 costed, 10 scenario runs, 1.5 s",
        "Current: 0.5 vCPU / 1024 MiB ARM64, CPU target 60%, tasks min 3 / max 24, on-demand base 3, weights FARGATE 1 / FARGATE_SPOT 3",
        "  $3.73/month, peak p99 122.6 ms; diurnal pass, spike FAIL, spot-reclaim pass, az-loss pass",
        "Winner: 0.5 vCPU / 1024 MiB ARM64, CPU target 60%, tasks min 25 / max 25, on-demand base 3, weights FARGATE 1 / FARGATE_SPOT 3",
        "  $21.33/month (+$17.60 vs current), peak p99 122.1 ms",
        "  diurnal: worst p99 122.1 ms, 0 minutes over target, scale-out n/a, recovery n/a",
        "  spike: worst p99 122.1 ms, 0 minutes over target, scale-out 0 s, recovery 0 s",
        "  spot-reclaim: worst p99 122.6 ms, 0 minutes over target, scale-out 0 s, recovery 0 s",
        "  az-loss: worst p99 122.1 ms, 0 minutes over target, scale-out 0 s, recovery 0 s",
        "Runner-up 1: 0.5 vCPU / 1024 MiB ARM64, CPU target 60%, tasks min 25 / max 42, on-demand base 3, weights FARGATE 1 / FARGATE_SPOT 3",
        "  $21.33/month (+$17.60 vs current), peak p99 122.1 ms",
        "  diurnal: worst p99 122.1 ms, 0 minutes over target, scale-out n/a, recovery n/a",
        "  spike: worst p99 122.1 ms, 0 minutes over target, scale-out 0 s, recovery 0 s",
        "  spot-reclaim: worst p99 122.6 ms, 0 minutes over target, scale-out 0 s, recovery 0 s",
        "  az-loss: worst p99 122.1 ms, 0 minutes over target, scale-out 0 s, recovery 0 s",
        "Apply with:",
        "  pulumi config set --stack prod apiMinTasks 25",
        "  pulumi config set --stack prod apiDesiredTasks 25",
        "  pulumi config set --stack prod apiMaxTasks 25",
      ].join("\n"),
    );
  });

  it("GIVEN --json and a cost model that prices the current stack higher WHEN optimizing THEN the result is JSON with the winner's settings", async () => {
    const io = capturingIo();
    const costOf = (spec: PlatformSpec) => (webService(spec).maxTasks === 24 ? 100 : toyCost(spec));
    const command = createOptimizeCommand({ costOf, projectDir, search: SMALL });
    expect(await command([...LEGACY_PROD, "--json"], io)).toBe(0);
    const result = JSON.parse(io.stdout.join("\n"));
    expect(result.winner.settings).toMatchObject({ cpuTargetPercent: 60, minTasks: 25 });
    expect(result.current.monthlyUsd).toBe(100);
  });

  it("GIVEN a cost model that prices the current stack higher WHEN printing THEN the winner shows its saving", async () => {
    const io = capturingIo();
    const costOf = (spec: PlatformSpec) => (webService(spec).maxTasks === 24 ? 100 : toyCost(spec));
    await createOptimizeCommand({ costOf, projectDir, search: SMALL })(LEGACY_PROD, io);
    expect(io.stdout.join("\n")).toContain("  $21.33/month (-$78.67 vs current), peak p99 122.1 ms");
  });

  it("GIVEN --config overrides that already are the winner WHEN optimizing THEN it says so and prints no lines", async () => {
    const io = capturingIo();
    const command = createOptimizeCommand({
      costOf: toyCost,
      projectDir,
      search: { ...SMALL, cpuTargets: [60], architectures: ["ARM64"] },
    });
    const winner = ["apiMinTasks=25", "apiDesiredTasks=25", "apiMaxTasks=25"].flatMap((v) => ["--config", v]);
    const code = await command([...LEGACY_PROD, ...winner], io);
    expect(code).toBe(0);
    expect(io.stdout.join("\n")).toMatch(/The current settings are already the cheapest that pass\.$/);
    // THEN the winner costs what the current settings cost, said in words, never as "-$0.00"
    expect(io.stdout.join("\n")).toContain("/month (the same as current), peak p99");
    expect(io.stdout.join("\n")).not.toContain("-$0.00");
  });

  it("GIVEN the legacy dev stack and a search where nothing meets the SLO WHEN optimizing THEN it says so and exits 4", async () => {
    const io = capturingIo();
    const command = createOptimizeCommand({ costOf: toyCost, projectDir, search: { ...SMALL, cpuValues: [256] } });
    expect(await command(LEGACY_DEV, io)).toBe(4);
    expect(io.stdout.join("\n")).toContain(
      "  $2.13/month, peak p99 overloaded (requests time out at the ALB idle timeout); diurnal FAIL, spike FAIL, spot-reclaim FAIL, az-loss FAIL",
    );
    expect(io.stdout.join("\n")).toMatch(/No searched setting meets the 200 ms p99 target in every scenario\.$/);
  });

  it("GIVEN a terminal and a clock 2 s on at every look WHEN optimizing THEN a progress line goes to stderr for each phase and is cleared before the result; --json gets none", async () => {
    const lines: string[] = [];
    let at = 0;
    const clock = () => (at += 2000);
    const io = { ...capturingIo(), progress: (line: string) => void lines.push(line) };
    const command = createOptimizeCommand({ costOf: toyCost, projectDir, search: SMALL, clock });
    expect(await command(LEGACY_PROD, io)).toBe(0);
    // THEN 16 candidates costed, then the 12 feasible simulated in price order until the winner and a runner-up pass
    expect(lines[0]).toBe("optimizing prod: costing candidate 1 of 16");
    expect(lines).toContain("optimizing prod: costing candidate 16 of 16");
    expect(lines.filter((l) => l.startsWith("optimizing prod: costing"))).toHaveLength(16);
    expect(lines.find((l) => l.includes("simulating"))).toBe(
      "optimizing prod: simulating the scenarios of candidate 1 of 12 in price order (0 scenario runs)",
    );
    expect(lines.at(-1)).toBe("");
    const json = { ...capturingIo(), progress: (line: string) => void lines.push(`json: ${line}`) };
    await command([...LEGACY_PROD, "--json"], json);
    expect(lines.filter((l) => l.startsWith("json:"))).toEqual([]);
  });

  it("GIVEN --help WHEN running THEN the usage is printed", async () => {
    const io = capturingIo();
    expect(await optimizeCommand(["--help"], io)).toBe(0);
    expect(io.stdout).toEqual([OPTIMIZE_USAGE]);
  });

  it("GIVEN an unknown flag WHEN running THEN a usage error names it and the runner exits 2", async () => {
    const io = capturingIo();
    await expect(optimizeCommand(["--bogus"], io)).rejects.toThrow(UsageError);
    expect(await runCommand(optimizeCommand, ["--bogus"], io)).toBe(2);
    expect(io.stderr[0]).toContain("Unknown option '--bogus'");
    expect(io.stderr[0]).toContain(OPTIMIZE_USAGE);
  });

  it("GIVEN no project directory WHEN running THEN the stack file is looked up in the working directory", async () => {
    const io = capturingIo();
    await expect(optimizeCommand(["--stack", "no-such-stack"], io)).rejects.toThrow(
      `Pulumi.no-such-stack.yaml not found in ${process.cwd()}`,
    );
  });
});

describeCommandLineConventions(
  "optimize",
  () => createOptimizeCommand({ costOf: unreachable, projectDir: "/nonexistent" }),
  OPTIMIZE_USAGE,
);
