import { UsageError, runCommand } from "../../../lib/commands/cli";
import * as fs from "fs";
import * as path from "path";
import {
  OPTIMIZE_USAGE,
  configLinesFor,
  createOptimizeCommand,
  describeSettings,
  keysToRemove,
  optimizeCommand,
} from "../../../lib/commands/optimize";
import { loadStack } from "../../../lib/commands/stackConfig";
import { ConfigError } from "../../../lib/config/source";
import { stepScalingConfig } from "../../../lib/config/settingKeys";
import { OptimizeOptions, settingsOf, StepScalingChoice } from "../../../lib/models/search/optimizer";
import { PlatformSpec, webService } from "../../../lib/spec";
import { capturingIo, temporaryProject } from "./commandIo";
import { LEGACY_DEV_CONFIG, LEGACY_PROD_CONFIG, SMALL_SEARCH, configArgs, legacyProdSpec } from "../models/slo/fixtures";
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
/** stepScalingSteps auto's one step: 10 points above the CPU target, adding 200%, after one datapoint. */
const STEP: StepScalingChoice = { evaluationPeriods: 1, marginPercent: 10, addPercent: 200 };
/**
 * SMALL_SEARCH narrowed to what these tests print: 512 CPU on ARM64 (the cheaper architecture under
 * toyCost) at a 60% target, a minimum of 3 or the spike's headroom (25), without step scaling or with
 * STEP: 8 candidates. The routing simulation of each steady state is cached per input, so the
 * tests after the first reuse its runs (the current stack's, the winner's and the runner-up's).
 */
const SMALL: OptimizeOptions = { ...SMALL_SEARCH, architectures: ["ARM64"], cpuTargets: [60], stepScalings: [null, STEP] };
/** The same search stopping at the winner: no runner-up to simulate, for the tests that print none. */
const WINNER_ONLY: OptimizeOptions = { ...SMALL, runnerUps: 0 };

/**
 * Adds Pulumi.stepped.yaml to a project: the legacy prod stack up to 25 tasks with step scaling at 70%
 * after 2 datapoints, both keys set in the file (as `pulumi config set` would leave them).
 */
function addSteppedStack(projectDir: string): void {
  const values: Record<string, string> = {
    environment: "prod",
    environmentSuffix: "prod",
    certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000",
    ...LEGACY_PROD_CONFIG,
    apiMaxTasks: "25",
    stepScalingSteps: "70:200",
    stepScalingEvaluationPeriods: "2",
  };
  fs.writeFileSync(
    path.join(projectDir, "Pulumi.stepped.yaml"),
    ["config:", "  aws:region: us-east-1", ...Object.entries(values).map(([k, v]) => `  payment-platform:${k}: "${v}"`), ""].join(
      "\n",
    ),
  );
}

describe("optimize command", () => {
  const projectDir = temporaryProject();

  it("GIVEN the legacy prod stack (its spike and Spot reclaim fail, no step scaling) WHEN optimizing THEN it prints the current settings, the winner, the runner-up (with step scaling), each with its routing simulation, the candidate the simulation rejected, and the config lines, and exits 0", async () => {
    const io = capturingIo();
    const command = createOptimizeCommand({ costOf: toyCost, projectDir, search: { ...SMALL, now: fixedClock() } });
    expect(await command(LEGACY_PROD, io)).toBe(0);
    // A regression check of the seeded simulations' numbers. The cheapest candidate, 3 tasks with
    // step scaling, passes the scenarios but not the routing simulation of its steady states; toyCost
    // ignores step scaling, so the runner-up costs what the winner costs. The winner's 25 tasks split
    // 3 (base) + 5 on demand and 17 on Spot: the SLO model gives the odd task above the base to Spot
    // (22 x 1 / 4 = 5.5 rounds down), so a Spot reclaim leaves 8 on-demand tasks, one short of the 9 the
    // 250 rps peak needs at 60% of 0.5 vCPU: the capacity is back only when Spot returns after the 600 s
    // outage (scale-out 640 s), and p99 stays under the 200 ms target (182.8 ms), so it passes.
    expect(io.stdout.join("\n")).toBe(
      [
        "Optimizer for payment-platform / prod: 8 candidates, 2 dropped unsimulated (steady-state p99, or a maximum below the spike's capacity), 6 costed, 13 scenario runs, 1 passing candidate rejected by the routing simulation, 1.5 s",
        "Current: 0.5 vCPU / 1024 MiB ARM64, CPU target 60%, tasks min 3 / max 24, on-demand base 3, weights FARGATE 1 / FARGATE_SPOT 3, no step scaling",
        "  $3.73/month, peak p99 171.7 ms; diurnal pass, spike FAIL, spot-reclaim FAIL, az-loss pass, routing simulation FAILS spot-reclaim, az-loss",
        "Winner: 0.5 vCPU / 1024 MiB ARM64, CPU target 60%, tasks min 25 / max 25, on-demand base 3, weights FARGATE 1 / FARGATE_SPOT 3, no step scaling",
        "  $21.33/month (+$17.60 vs current), peak p99 136.2 ms",
        "  diurnal: worst p99 136.2 ms, 0 minutes over target, scale-out n/a, recovery n/a",
        "  spike: worst p99 178.5 ms, 0 minutes over target, scale-out 0 s, recovery 0 s",
        "  spot-reclaim: worst p99 182.8 ms, 0 minutes over target, scale-out 640 s, recovery 0 s",
        "  az-loss: worst p99 140.6 ms, 0 minutes over target, scale-out 0 s, recovery 0 s",
        "  routing simulation: peak 134 ms, worst-hour 134 ms, spot-reclaim 166.1 ms, az-loss 135 ms, spike 158 ms",
        "Runner-up 1: 0.5 vCPU / 1024 MiB ARM64, CPU target 60%, tasks min 25 / max 25, on-demand base 3, weights FARGATE 1 / FARGATE_SPOT 3, step scaling 70:200 after 1 datapoint",
        "  $21.33/month (+$17.60 vs current), peak p99 136.2 ms",
        "  diurnal: worst p99 136.2 ms, 0 minutes over target, scale-out n/a, recovery n/a",
        "  spike: worst p99 178.5 ms, 0 minutes over target, scale-out 0 s, recovery 0 s",
        "  spot-reclaim: worst p99 182.8 ms, 0 minutes over target, scale-out 640 s, recovery 0 s",
        "  az-loss: worst p99 140.6 ms, 0 minutes over target, scale-out 0 s, recovery 0 s",
        "  routing simulation: peak 134 ms, worst-hour 134 ms, spot-reclaim 166.1 ms, az-loss 135 ms, spike 158 ms",
        "Apply with:",
        "  pulumi config set --stack prod apiMinTasks 25",
        "  pulumi config set --stack prod apiDesiredTasks 25",
        "  pulumi config set --stack prod apiMaxTasks 25",
      ].join("\n"),
    );
  });

  it("GIVEN the legacy prod stack and a search with step scaling only WHEN optimizing THEN the winner adds the policy and the lines set both of its keys after the task counts", async () => {
    const io = capturingIo();
    const command = createOptimizeCommand({ costOf: toyCost, projectDir, search: { ...WINNER_ONLY, stepScalings: [STEP] } });
    expect(await command(LEGACY_PROD, io)).toBe(0);
    const text = io.stdout.join("\n");
    expect(text).toContain(
      "\nWinner: 0.5 vCPU / 1024 MiB ARM64, CPU target 60%, tasks min 25 / max 25, on-demand base 3, weights FARGATE 1 / FARGATE_SPOT 3, step scaling 70:200 after 1 datapoint\n",
    );
    expect(text.slice(text.indexOf("Apply with:"))).toBe(
      [
        "Apply with:",
        "  pulumi config set --stack prod apiMinTasks 25",
        "  pulumi config set --stack prod apiDesiredTasks 25",
        "  pulumi config set --stack prod apiMaxTasks 25",
        // 70:200 at a 60% target is what stepScalingSteps auto gives there.
        "  pulumi config set --stack prod stepScalingSteps auto",
        "  pulumi config set --stack prod stepScalingEvaluationPeriods 1",
      ].join("\n"),
    );
  });

  it("GIVEN --json and a cost model that prices the current stack higher WHEN optimizing THEN the result is JSON with the winner's settings", async () => {
    const io = capturingIo();
    const costOf = (spec: PlatformSpec) => (webService(spec).maxTasks === 24 ? 100 : toyCost(spec));
    const command = createOptimizeCommand({ costOf, projectDir, search: WINNER_ONLY });
    expect(await command([...LEGACY_PROD, "--json"], io)).toBe(0);
    const result = JSON.parse(io.stdout.join("\n"));
    expect(result.winner.settings).toMatchObject({ cpuTargetPercent: 60, minTasks: 25, maxTasks: 25, stepScaling: null });
    expect(result.current.monthlyUsd).toBe(100);
  });

  it("GIVEN a cost model that prices the current stack higher WHEN printing THEN the winner shows its saving", async () => {
    const io = capturingIo();
    const costOf = (spec: PlatformSpec) => (webService(spec).maxTasks === 24 ? 100 : toyCost(spec));
    await createOptimizeCommand({ costOf, projectDir, search: WINNER_ONLY })(LEGACY_PROD, io);
    expect(io.stdout.join("\n")).toContain("  $21.33/month (-$78.67 vs current), peak p99 136.2 ms");
  });

  it("GIVEN --config overrides that already are the winner WHEN optimizing THEN it says so and prints no lines", async () => {
    const io = capturingIo();
    const command = createOptimizeCommand({ costOf: toyCost, projectDir, search: WINNER_ONLY });
    const winner = ["apiMinTasks=25", "apiDesiredTasks=25", "apiMaxTasks=25"].flatMap((v) => ["--config", v]);
    const code = await command([...LEGACY_PROD, ...winner], io);
    expect(code).toBe(0);
    expect(io.stdout.join("\n")).toMatch(/The current settings are already the cheapest that pass\.$/);
    // THEN the winner costs what the current settings cost, said in words, never as "-$0.00"
    expect(io.stdout.join("\n")).toContain("/month (the same as current), peak p99");
    expect(io.stdout.join("\n")).not.toContain("-$0.00");
  });

  it("GIVEN the legacy dev stack and a search where nothing meets the SLO WHEN optimizing THEN its counts say no candidate was simulated, it says so and exits 4", async () => {
    const io = capturingIo();
    const command = createOptimizeCommand({
      costOf: toyCost,
      projectDir,
      search: { ...SMALL, cpuValues: [256], now: fixedClock() },
    });
    expect(await command(LEGACY_DEV, io)).toBe(4);
    // THEN no candidate reaches the routing simulation: "0 passing candidates", plural
    expect(io.stdout.join("\n").split("\n")[0]).toBe(
      "Optimizer for payment-platform / dev: 8 candidates, 8 dropped unsimulated (steady-state p99, or a maximum below the spike's capacity), 0 costed, 0 scenario runs, 0 passing candidates rejected by the routing simulation, 1.5 s",
    );
    // Overloaded everywhere: no steady state to simulate, so the simulation fails every one.
    expect(io.stdout.join("\n")).toContain(
      "  $2.13/month, peak p99 overloaded (requests time out at the ALB idle timeout); diurnal FAIL, spike FAIL, spot-reclaim FAIL, az-loss FAIL, routing simulation FAILS peak, worst-hour, spot-reclaim, az-loss, spike",
    );
    expect(io.stdout.join("\n")).toMatch(/No searched setting meets the 200 ms p99 target in every scenario\.$/);
  });

  it("GIVEN a terminal and a clock 2 s on at every look WHEN optimizing THEN a progress line goes to stderr for each phase and is cleared before the result; --json gets none", async () => {
    const lines: string[] = [];
    let at = 0;
    const clock = () => (at += 2000);
    const io = { ...capturingIo(), progress: (line: string) => void lines.push(line) };
    const command = createOptimizeCommand({ costOf: toyCost, projectDir, search: WINNER_ONLY, clock });
    expect(await command(LEGACY_PROD, io)).toBe(0);
    // THEN 8 candidates costed, then the 6 feasible simulated in price order until the winner passes
    expect(lines[0]).toBe("optimizing prod: costing candidate 1 of 8");
    expect(lines).toContain("optimizing prod: costing candidate 8 of 8");
    expect(lines.filter((l) => l.startsWith("optimizing prod: costing"))).toHaveLength(8);
    expect(lines.find((l) => l.includes("simulating"))).toBe(
      "optimizing prod: simulating the scenarios of candidate 1 of 6 in price order (0 scenario runs)",
    );
    expect(lines.at(-1)).toBe("");
    const json = { ...capturingIo(), progress: (line: string) => void lines.push(`json: ${line}`) };
    await command([...LEGACY_PROD, "--json"], json);
    expect(lines.filter((l) => l.startsWith("json:"))).toEqual([]);
  });

  it("GIVEN the legacy prod stack with step scaling at 70% (the default evaluation periods) up to 25 tasks and a search without step scaling WHEN optimizing THEN the winner drops the policy and the lines set the steps off", async () => {
    const io = capturingIo();
    const command = createOptimizeCommand({ costOf: toyCost, projectDir, search: { ...WINNER_ONLY, stepScalings: [null] } });
    const stepped = ["apiMaxTasks=25", "stepScalingSteps=70:200"].flatMap((v) => ["--config", v]);
    expect(await command([...LEGACY_PROD, ...stepped], io)).toBe(0);
    const text = io.stdout.join("\n");
    expect(text).toContain(
      "\nWinner: 0.5 vCPU / 1024 MiB ARM64, CPU target 60%, tasks min 25 / max 25, on-demand base 3, weights FARGATE 1 / FARGATE_SPOT 3, no step scaling\n",
    );
    expect(text.slice(text.indexOf("Apply with:"))).toBe(
      [
        "Apply with:",
        "  pulumi config set --stack prod apiMinTasks 25",
        "  pulumi config set --stack prod apiDesiredTasks 25",
        "  pulumi config set --stack prod stepScalingSteps off",
      ].join("\n"),
    );
  });

  it("GIVEN a stack whose file sets step scaling at 70% after 2 datapoints (stepScalingEvaluationPeriods 2) and a search without step scaling WHEN optimizing THEN the winner drops the policy, the lines set the steps off and remove the evaluation periods, and it exits 0", async () => {
    addSteppedStack(projectDir);
    const io = capturingIo();
    const command = createOptimizeCommand({ costOf: toyCost, projectDir, search: { ...WINNER_ONLY, stepScalings: [null] } });
    expect(await command(["--stack", "stepped"], io)).toBe(0);
    const text = io.stdout.join("\n");
    expect(text).toContain(
      "\nCurrent: 0.5 vCPU / 1024 MiB ARM64, CPU target 60%, tasks min 3 / max 25, on-demand base 3, weights FARGATE 1 / FARGATE_SPOT 3, step scaling 70:200 after 2 datapoints\n",
    );
    expect(text).toContain(
      "\nWinner: 0.5 vCPU / 1024 MiB ARM64, CPU target 60%, tasks min 25 / max 25, on-demand base 3, weights FARGATE 1 / FARGATE_SPOT 3, no step scaling\n",
    );
    // THEN the periods the file keeps would be refused with the steps off (the lines are checked by
    // resolving the stack with them applied, without the removed key): they are removed
    expect(text.slice(text.indexOf("Apply with:"))).toBe(
      [
        "Apply with:",
        "  pulumi config set --stack stepped apiMinTasks 25",
        "  pulumi config set --stack stepped apiDesiredTasks 25",
        "  pulumi config set --stack stepped stepScalingSteps off",
        "  pulumi config rm --stack stepped stepScalingEvaluationPeriods",
      ].join("\n"),
    );
    expect(io.stderr).toEqual([]);
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

describe("the step-scaling policy in the optimizer's words and config lines", () => {
  const twoSteps = {
    evaluationPeriods: 2,
    steps: [
      { fromCpuPercent: 85, addPercent: 50 },
      { fromCpuPercent: 95, addPercent: 100 },
    ],
  };

  it("GIVEN a policy of two steps after 2 datapoints WHEN written as config THEN the steps read 85:50,95:100 and the periods 2", () => {
    expect(stepScalingConfig(twoSteps, 60)).toEqual({ stepScalingSteps: "85:50,95:100", stepScalingEvaluationPeriods: "2" });
  });

  it("GIVEN no policy WHEN written as config THEN the steps read off and the periods are left out", () => {
    expect(stepScalingConfig(null, 60)).toEqual({ stepScalingSteps: "off" });
  });

  it("GIVEN one step 10 points above a 60% target adding 200% WHEN written as config THEN the steps read auto, as stepScalingSteps auto gives at 60%", () => {
    const auto = { evaluationPeriods: 1, steps: [{ fromCpuPercent: 70, addPercent: 200 }] };
    expect(stepScalingConfig(auto, 60)).toEqual({ stepScalingSteps: "auto", stepScalingEvaluationPeriods: "1" });
    expect(stepScalingConfig(auto, 50)).toEqual({ stepScalingSteps: "70:200", stepScalingEvaluationPeriods: "1" });
  });

  it("GIVEN the legacy prod settings with that policy WHEN described THEN the settings end with its steps and its datapoints, plural", () => {
    expect(describeSettings({ ...settingsOf(legacyProdSpec()), stepScaling: twoSteps })).toBe(
      "0.5 vCPU / 1024 MiB ARM64, CPU target 60%, tasks min 3 / max 24, on-demand base 3, weights FARGATE 1 / FARGATE_SPOT 3, step scaling 85:50,95:100 after 2 datapoints",
    );
  });

  it("GIVEN the legacy prod stack (no step scaling) and settings that add the policy WHEN the config lines are written THEN both keys are set, in that order", () => {
    expect(configLinesFor(legacyProdSpec(), { ...settingsOf(legacyProdSpec()), stepScaling: twoSteps })).toEqual([
      "pulumi config set --stack prod stepScalingSteps 85:50,95:100",
      "pulumi config set --stack prod stepScalingEvaluationPeriods 2",
    ]);
  });

  it("GIVEN a stack with the policy (the default evaluation periods) and settings without it WHEN the config lines are written THEN the steps are set off", () => {
    const spec = legacyProdSpec({ stepScalingSteps: "85:50,95:100" });
    expect(spec.scaling.stepScaling).toEqual({ ...twoSteps, evaluationPeriods: 1 });
    expect(configLinesFor(spec, { ...settingsOf(spec), stepScaling: null })).toEqual([
      "pulumi config set --stack prod stepScalingSteps off",
    ]);
  });

  it("GIVEN a stack that writes auto's policy as literal steps (70:200 at its 60% target) and a winner at 65% with auto WHEN the config lines are written THEN the steps line says auto: a literal 70:200 would otherwise stay at the new target", () => {
    const spec = legacyProdSpec({ stepScalingSteps: "70:200" });
    const winner = {
      ...settingsOf(spec),
      cpuTargetPercent: 65,
      stepScaling: { evaluationPeriods: 1, steps: [{ fromCpuPercent: 75, addPercent: 200 }] },
    };
    expect(configLinesFor(spec, winner)).toEqual([
      "pulumi config set --stack prod apiCpuTargetPercent 65",
      "pulumi config set --stack prod stepScalingSteps auto",
    ]);
  });
});

describe("the keys a winner leaves without effect (keysToRemove) and their rm lines", () => {
  const spec = legacyProdSpec({ stepScalingSteps: "70:200", stepScalingEvaluationPeriods: "2" });
  const policy = { evaluationPeriods: 2, steps: [{ fromCpuPercent: 70, addPercent: 200 }] };

  it("GIVEN settings without step scaling and a stack that sets stepScalingEvaluationPeriods WHEN listing the keys to remove THEN exactly that key, asked for by its config key", () => {
    const asked: string[] = [];
    const isSet = (key: string) => (asked.push(key), key === "stepScalingEvaluationPeriods");
    expect(keysToRemove({ ...settingsOf(spec), stepScaling: null }, isSet)).toEqual(["stepScalingEvaluationPeriods"]);
    expect(asked).toEqual(["stepScalingEvaluationPeriods"]);
  });

  it("GIVEN settings without step scaling and a stack that does not set the periods WHEN listing the keys to remove THEN none", () => {
    expect(keysToRemove({ ...settingsOf(spec), stepScaling: null }, () => false)).toEqual([]);
  });

  it("GIVEN settings with step scaling and a stack that sets the periods WHEN listing the keys to remove THEN none: the periods still count", () => {
    expect(keysToRemove({ ...settingsOf(spec), stepScaling: policy }, () => true)).toEqual([]);
  });

  it("GIVEN a stack with step scaling after 2 datapoints, settings without it and the periods removed WHEN the config lines are written THEN the steps are set off and the periods removed, last", () => {
    expect(spec.scaling.stepScaling).toEqual(policy);
    const settings = { ...settingsOf(spec), stepScaling: null, minTasks: 25 };
    expect(configLinesFor(spec, settings, ["stepScalingEvaluationPeriods"])).toEqual([
      "pulumi config set --stack prod apiMinTasks 25",
      "pulumi config set --stack prod stepScalingSteps off",
      "pulumi config rm --stack prod stepScalingEvaluationPeriods",
    ]);
  });

  it("GIVEN settings that change nothing and a key to remove WHEN the config lines are written THEN only its rm line", () => {
    expect(configLinesFor(spec, settingsOf(spec), ["stepScalingEvaluationPeriods"])).toEqual([
      "pulumi config rm --stack prod stepScalingEvaluationPeriods",
    ]);
  });
});

describe("loadStack's removed keys", () => {
  const projectDir = temporaryProject();
  addSteppedStack(projectDir);

  it("GIVEN a stack file with stepScalingEvaluationPeriods 2 and --config stepScalingSteps=off WHEN loaded without removing it THEN the config rules refuse the periods", () => {
    expect(() => loadStack(projectDir, "stepped", ["stepScalingSteps=off"])).toThrow(ConfigError);
    expect(() => loadStack(projectDir, "stepped", ["stepScalingSteps=off"])).toThrow(
      "has no effect while stepScalingSteps is off; set stepScalingSteps auto or steps, or remove it",
    );
  });

  it("GIVEN the same stack and overrides WHEN loaded with stepScalingEvaluationPeriods removed THEN it resolves without a policy, and the values lack only that key", () => {
    const kept = loadStack(projectDir, "stepped", []);
    const { spec, values } = loadStack(projectDir, "stepped", ["stepScalingSteps=off"], ["stepScalingEvaluationPeriods"]);
    expect(spec.scaling.stepScaling).toBeNull();
    expect("payment-platform:stepScalingEvaluationPeriods" in values).toBe(false);
    const { ["payment-platform:stepScalingEvaluationPeriods"]: periods, ...others } = kept.values;
    expect(periods).toBe("2");
    expect(values).toEqual({ ...others, "payment-platform:stepScalingSteps": "off" });
  });

  it("GIVEN no removed keys, or a removed key the stack does not set (scaleOutCooldownSeconds) WHEN loaded THEN the spec and the values are the ones without removal", () => {
    const kept = loadStack(projectDir, "stepped", []);
    expect(kept.spec.scaling.stepScaling).toEqual({ evaluationPeriods: 2, steps: [{ fromCpuPercent: 70, addPercent: 200 }] });
    expect("payment-platform:scaleOutCooldownSeconds" in kept.values).toBe(false);
    const removed = loadStack(projectDir, "stepped", [], ["scaleOutCooldownSeconds"]);
    expect(removed.spec).toEqual(kept.spec);
    expect(removed.values).toEqual(kept.values);
  });
});
