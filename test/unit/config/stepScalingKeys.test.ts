/**
 * The step-scaling keys (stepScalingSteps: auto, off or CPU:percent pairs; stepScalingEvaluationPeriods)
 * and the derived task launch time (taskLaunchSeconds unset: from workloadImageMb): what resolves, and
 * every refusal with its message.
 */
import { autoStepScaling } from "../../../lib/config/rules";
import { configProblems, resolveValues } from "../support/configSource";

/** dev: the API's CPU target is 35% by default (lib/config/services.ts). */
const problems = configProblems;

const EXAMPLE = "Example: pulumi config set stepScalingSteps 85:50,95:100";
const ENTRY_RULE = "must be CPU:percent in whole numbers, as 85:50 (from 85% CPU add 50%), or the whole value auto or off";

describe("step-scaling keys", () => {
  it("GIVEN no step keys WHEN resolving dev (target 35%) THEN auto applies: one step at 35 + 10 = 45% CPU adding 200%, 1 evaluation period", () => {
    expect(resolveValues({ environmentSuffix: "dev" }).scaling.stepScaling).toEqual({
      evaluationPeriods: 1,
      steps: [{ fromCpuPercent: 45, addPercent: 200 }],
    });
  });

  it("GIVEN stepScalingSteps auto and a CPU target of 40 WHEN resolving THEN the one step is 50:200 (target + 10 points)", () => {
    expect(
      resolveValues({ environmentSuffix: "dev", stepScalingSteps: "auto", apiCpuTargetPercent: "40" }).scaling.stepScaling,
    ).toEqual({ evaluationPeriods: 1, steps: [{ fromCpuPercent: 50, addPercent: 200 }] });
  });

  it("GIVEN stepScalingSteps auto and a CPU target of 90 WHEN resolving THEN the one step is 100:200 (target + 10 capped at 100% CPU)", () => {
    expect(
      resolveValues({ environmentSuffix: "dev", stepScalingSteps: "auto", apiCpuTargetPercent: "90" }).scaling.stepScaling,
    ).toEqual({ evaluationPeriods: 1, steps: [{ fromCpuPercent: 100, addPercent: 200 }] });
  });

  it("GIVEN stepScalingSteps auto and 3 evaluation periods WHEN resolving dev (target 35%) THEN the auto step (45:200) keeps the 3 periods", () => {
    expect(
      resolveValues({ environmentSuffix: "dev", stepScalingSteps: "auto", stepScalingEvaluationPeriods: "3" }).scaling
        .stepScaling,
    ).toEqual({ evaluationPeriods: 3, steps: [{ fromCpuPercent: 45, addPercent: 200 }] });
  });

  it("GIVEN stepScalingSteps off WHEN resolving THEN there is no step-scaling policy", () => {
    expect(resolveValues({ environmentSuffix: "dev", stepScalingSteps: "off" }).scaling.stepScaling).toBeNull();
  });

  it("GIVEN steps 85:50,95:100 WHEN resolving THEN the policy has them in order with the default 1 evaluation period", () => {
    expect(resolveValues({ environmentSuffix: "dev", stepScalingSteps: "85:50, 95:100" }).scaling.stepScaling).toEqual({
      evaluationPeriods: 1,
      steps: [
        { fromCpuPercent: 85, addPercent: 50 },
        { fromCpuPercent: 95, addPercent: 100 },
      ],
    });
  });

  it("GIVEN one step at 100% CPU adding 1000% and 1440 evaluation periods WHEN resolving THEN the limits are accepted", () => {
    expect(
      resolveValues({ environmentSuffix: "dev", stepScalingSteps: "100:1000", stepScalingEvaluationPeriods: "1440" }).scaling
        .stepScaling,
    ).toEqual({ evaluationPeriods: 1440, steps: [{ fromCpuPercent: 100, addPercent: 1000 }] });
  });

  it.each([
    [
      "85:50,85:100",
      `stepScalingSteps = "85:50,85:100": step 2 (85:100) must start above step 1's 85% CPU: the CPU percents ascend strictly (no duplicate, in order). ${EXAMPLE}`,
    ],
    [
      "95:100,85:50",
      `stepScalingSteps = "95:100,85:50": step 2 (85:50) must start above step 1's 95% CPU: the CPU percents ascend strictly (no duplicate, in order). ${EXAMPLE}`,
    ],
    [
      "35:50",
      `stepScalingSteps = "35:50": the first step's 35% CPU must be above apiCpuTargetPercent (35): at or below the target the step alarm adds tasks while target tracking scales in toward it. ${EXAMPLE}`,
    ],
    ["85:0", `stepScalingSteps = "85:0": step 1 (85:0) must add 1 to 1000 percent of the desired count. ${EXAMPLE}`],
    ["85:1001", `stepScalingSteps = "85:1001": step 1 (85:1001) must add 1 to 1000 percent of the desired count. ${EXAMPLE}`],
    [
      "85:50,101:100",
      `stepScalingSteps = "85:50,101:100": step 2 (101:100) starts above 100% CPU, which a Fargate service never reaches. ${EXAMPLE}`,
    ],
    ["85-50", `stepScalingSteps = "85-50": entry "85-50" ${ENTRY_RULE}. ${EXAMPLE}`],
    ["85:50,", `stepScalingSteps = "85:50,": entry "" ${ENTRY_RULE}. ${EXAMPLE}`],
    ["85.5:50", `stepScalingSteps = "85.5:50": entry "85.5:50" ${ENTRY_RULE}. ${EXAMPLE}`],
    // auto and off are whole values, exact: anything else is read as CPU:percent pairs.
    ["auto,85:50", `stepScalingSteps = "auto,85:50": entry "auto" ${ENTRY_RULE}. ${EXAMPLE}`],
    ["Off", `stepScalingSteps = "Off": entry "Off" ${ENTRY_RULE}. ${EXAMPLE}`],
  ])("GIVEN stepScalingSteps %j WHEN resolving THEN it is refused by name with the rule", (steps, message) => {
    expect(problems({ stepScalingSteps: steps })).toEqual([message]);
  });

  it("GIVEN a first step at the dev target (35) and a duplicate WHEN resolving THEN both problems are reported", () => {
    expect(problems({ stepScalingSteps: "35:50,35:60" })).toEqual([
      `stepScalingSteps = "35:50,35:60": step 2 (35:60) must start above step 1's 35% CPU: the CPU percents ascend strictly (no duplicate, in order). ${EXAMPLE}`,
      `stepScalingSteps = "35:50,35:60": the first step's 35% CPU must be above apiCpuTargetPercent (35): at or below the target the step alarm adds tasks while target tracking scales in toward it. ${EXAMPLE}`,
    ]);
  });

  it("GIVEN a CPU target raised to 60 WHEN the first step is at 70 THEN it is accepted", () => {
    expect(
      resolveValues({ environmentSuffix: "dev", apiCpuTargetPercent: "60", stepScalingSteps: "70:50" }).scaling.stepScaling
        ?.steps,
    ).toEqual([{ fromCpuPercent: 70, addPercent: 50 }]);
  });

  it("GIVEN a CPU target raised to 60 WHEN the first step is at 60 THEN it is refused: at the target, not above it", () => {
    expect(problems({ apiCpuTargetPercent: "60", stepScalingSteps: "60:50" })).toEqual([
      `stepScalingSteps = "60:50": the first step's 60% CPU must be above apiCpuTargetPercent (60): at or below the target the step alarm adds tasks while target tracking scales in toward it. ${EXAMPLE}`,
    ]);
  });

  it("GIVEN stepScalingSteps off and stepScalingEvaluationPeriods 3 WHEN resolving THEN the periods are refused as a setting that changes nothing", () => {
    expect(problems({ stepScalingSteps: "off", stepScalingEvaluationPeriods: "3" })).toEqual([
      "stepScalingEvaluationPeriods = 3: has no effect while stepScalingSteps is off; set stepScalingSteps auto or steps, or remove it. Example: pulumi config set stepScalingEvaluationPeriods 2",
    ]);
  });

  it("GIVEN stepScalingEvaluationPeriods 3 without stepScalingSteps WHEN resolving dev (target 35%) THEN it is accepted: the default auto step (45:200) uses it", () => {
    expect(resolveValues({ environmentSuffix: "dev", stepScalingEvaluationPeriods: "3" }).scaling.stepScaling).toEqual({
      evaluationPeriods: 3,
      steps: [{ fromCpuPercent: 45, addPercent: 200 }],
    });
  });

  it.each([
    [
      "0",
      'stepScalingEvaluationPeriods = "0": must be between 1 and 1440. Example: pulumi config set stepScalingEvaluationPeriods 2',
    ],
    [
      "1441",
      'stepScalingEvaluationPeriods = "1441": must be between 1 and 1440. Example: pulumi config set stepScalingEvaluationPeriods 2',
    ],
  ])(
    "GIVEN stepScalingEvaluationPeriods %s WHEN resolving THEN it is refused (CloudWatch: period x periods at most a day)",
    (value, message) => {
      expect(problems({ stepScalingSteps: "85:50", stepScalingEvaluationPeriods: value })).toEqual([message]);
    },
  );
});

describe("autoStepScaling (stepScalingSteps auto; optimize writes auto when the winner equals it, lib/config/settingKeys.ts)", () => {
  it.each([
    [35, 1, 45],
    [40, 2, 50],
    [89, 1, 99],
    [90, 3, 100],
    [95, 1, 100],
  ])(
    "GIVEN a CPU target of %i%% and %i evaluation period(s) WHEN the auto step is derived THEN it is one step from %i%% CPU (target + 10, at most 100) adding 200%%",
    (cpuTargetPercent, evaluationPeriods, fromCpuPercent) => {
      expect(autoStepScaling(cpuTargetPercent, evaluationPeriods)).toEqual({
        evaluationPeriods,
        steps: [{ fromCpuPercent, addPercent: 200 }],
      });
    },
  );
});

describe("task launch time", () => {
  it("GIVEN no taskLaunchSeconds and the default 150 MB image WHEN resolving THEN the launch is ceil(20 + 150 / 18) = 29 s", () => {
    expect(resolveValues({ environmentSuffix: "dev" }).slo.taskLaunchSeconds).toBe(29);
  });

  it.each([
    ["54", 23],
    ["900", 70],
    ["1", 21],
  ])("GIVEN workloadImageMb %s and no taskLaunchSeconds WHEN resolving THEN the launch is %i s", (imageMb, seconds) => {
    expect(resolveValues({ environmentSuffix: "dev", workloadImageMb: imageMb }).slo.taskLaunchSeconds).toBe(seconds);
  });

  it("GIVEN taskLaunchSeconds 45 WHEN resolving THEN it overrides the derived 70 s of a 900 MB image", () => {
    expect(
      resolveValues({ environmentSuffix: "dev", workloadImageMb: "900", taskLaunchSeconds: "45" }).slo.taskLaunchSeconds,
    ).toBe(45);
  });

  it("GIVEN taskLaunchSeconds 0 WHEN resolving THEN it is refused with its range", () => {
    expect(problems({ taskLaunchSeconds: "0" })).toEqual([
      'taskLaunchSeconds = "0": must be between 1 and 600. Example: pulumi config set taskLaunchSeconds 45',
    ]);
  });
});
