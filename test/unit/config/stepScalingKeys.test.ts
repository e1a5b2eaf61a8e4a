/**
 * The step-scaling keys (stepScalingSteps, stepScalingEvaluationPeriods) and the derived task launch
 * time (taskLaunchSeconds unset: from workloadImageMb): what resolves, and every refusal with its message.
 */
import { ConfigError } from "../../../lib/config/source";
import { resolveValues } from "../support/configSource";

/** dev: the API's CPU target is 75% by default. */
function problems(config: Record<string, string>): string[] {
  try {
    resolveValues({ environmentSuffix: "dev", ...config });
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
}

const EXAMPLE = "Example: pulumi config set stepScalingSteps 85:50,95:100";

describe("step-scaling keys", () => {
  it("GIVEN no step keys WHEN resolving THEN there is no step-scaling policy", () => {
    expect(resolveValues({ environmentSuffix: "dev" }).scaling.stepScaling).toBeNull();
  });

  it("GIVEN steps 85:50,95:100 WHEN resolving THEN the policy has them in order with the default 2 evaluation periods", () => {
    expect(resolveValues({ environmentSuffix: "dev", stepScalingSteps: "85:50, 95:100" }).scaling.stepScaling).toEqual({
      evaluationPeriods: 2,
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
      "75:50",
      `stepScalingSteps = "75:50": the first step's 75% CPU must be above apiCpuTargetPercent (75): at or below the target the step alarm adds tasks while target tracking scales in toward it. ${EXAMPLE}`,
    ],
    ["85:0", `stepScalingSteps = "85:0": step 1 (85:0) must add 1 to 1000 percent of the desired count. ${EXAMPLE}`],
    ["85:1001", `stepScalingSteps = "85:1001": step 1 (85:1001) must add 1 to 1000 percent of the desired count. ${EXAMPLE}`],
    [
      "85:50,101:100",
      `stepScalingSteps = "85:50,101:100": step 2 (101:100) starts above 100% CPU, which a Fargate service never reaches. ${EXAMPLE}`,
    ],
    [
      "85-50",
      `stepScalingSteps = "85-50": entry "85-50" must be CPU:percent in whole numbers, as 85:50 (from 85% CPU add 50%). ${EXAMPLE}`,
    ],
    [
      "85:50,",
      `stepScalingSteps = "85:50,": entry "" must be CPU:percent in whole numbers, as 85:50 (from 85% CPU add 50%). ${EXAMPLE}`,
    ],
    [
      "85.5:50",
      `stepScalingSteps = "85.5:50": entry "85.5:50" must be CPU:percent in whole numbers, as 85:50 (from 85% CPU add 50%). ${EXAMPLE}`,
    ],
  ])("GIVEN stepScalingSteps %j WHEN resolving THEN it is refused by name with the rule", (steps, message) => {
    expect(problems({ stepScalingSteps: steps })).toEqual([message]);
  });

  it("GIVEN a first step at the target and a duplicate WHEN resolving THEN both problems are reported", () => {
    expect(problems({ stepScalingSteps: "70:50,70:60" })).toEqual([
      `stepScalingSteps = "70:50,70:60": step 2 (70:60) must start above step 1's 70% CPU: the CPU percents ascend strictly (no duplicate, in order). ${EXAMPLE}`,
      `stepScalingSteps = "70:50,70:60": the first step's 70% CPU must be above apiCpuTargetPercent (75): at or below the target the step alarm adds tasks while target tracking scales in toward it. ${EXAMPLE}`,
    ]);
  });

  it("GIVEN a CPU target lowered to 60 WHEN the first step is at 70 THEN it is accepted", () => {
    expect(
      resolveValues({ environmentSuffix: "dev", apiCpuTargetPercent: "60", stepScalingSteps: "70:50" }).scaling.stepScaling
        ?.steps,
    ).toEqual([{ fromCpuPercent: 70, addPercent: 50 }]);
  });

  it("GIVEN stepScalingEvaluationPeriods without steps WHEN resolving THEN it is refused as a setting that changes nothing", () => {
    expect(problems({ stepScalingEvaluationPeriods: "3" })).toEqual([
      "stepScalingEvaluationPeriods = 3: has no effect while stepScalingSteps is unset; set stepScalingSteps or remove it. Example: pulumi config set stepScalingEvaluationPeriods 2",
    ]);
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
