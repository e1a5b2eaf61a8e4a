/**
 * verify's scaling-policies check on a dev stack with a step-scaling policy (set directly on the
 * spec: the config keys that fill it are another change's): the policy and the alarm that invokes it
 * as DescribeScalingPolicies reports them, beside the policies the golden registrations answer.
 */
import {
  DescribeScalingPoliciesCommand,
  ScalingPolicy,
  StepScalingPolicyConfiguration,
} from "@aws-sdk/client-application-auto-scaling";
import { runChecks } from "../../../../lib/checks/runChecks";
import { stepPolicyText } from "../../../../lib/checks/verify/scalingChecks";
import { AWS_VERIFY_CHECKS } from "../../../../lib/checks/verify/verifyChecks";
import { PlatformSpec, StepScalingSpec } from "../../../../lib/spec";
import { ACCOUNT, answerAsDeployed, awsMocks, AwsMocks } from "../support/deployedStack";
import { stackSpec, verifyContext } from "./support";

const API = "service/ecs-cluster-dev/payment-api-dev";
const POLICY = "api-cpu-step-scaling-dev";
const ALARM = "payment-api-cpu-step-scale-out-dev";
const STEPS: StepScalingSpec = {
  evaluationPeriods: 3,
  steps: [
    { fromCpuPercent: 70, addPercent: 50 },
    { fromCpuPercent: 85, addPercent: 100 },
    { fromCpuPercent: 95, addPercent: 200 },
  ],
};
const EXPECTED =
  "PercentChangeInCapacity cooldown 30 s, at least 1, steps [0, 15) +50% [15, 25) +100% [25, ∞) +200%, alarms payment-api-cpu-step-scale-out-dev";

/** The step policy as AWS reports it once `pulumi up` registered it (the alarm's actions name its ARN). */
const CONFIGURATION: StepScalingPolicyConfiguration = {
  AdjustmentType: "PercentChangeInCapacity",
  Cooldown: 30,
  MetricAggregationType: "Average",
  MinAdjustmentMagnitude: 1,
  StepAdjustments: [
    { MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 15, ScalingAdjustment: 50 },
    { MetricIntervalLowerBound: 15, MetricIntervalUpperBound: 25, ScalingAdjustment: 100 },
    { MetricIntervalLowerBound: 25, ScalingAdjustment: 200 },
  ],
};
const deployedStep = (change: Partial<ScalingPolicy> = {}): ScalingPolicy => ({
  PolicyARN: `arn:aws:autoscaling:us-east-1:${ACCOUNT}:scalingPolicy:${POLICY}`,
  PolicyName: POLICY,
  ServiceNamespace: "ecs",
  ResourceId: API,
  ScalableDimension: "ecs:service:DesiredCount",
  PolicyType: "StepScaling",
  CreationTime: new Date("2026-12-01T12:00:00Z"),
  StepScalingPolicyConfiguration: CONFIGURATION,
  Alarms: [{ AlarmName: ALARM, AlarmARN: `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:${ALARM}` }],
  ...change,
});

let mocks: AwsMocks;
beforeEach(() => {
  mocks = awsMocks();
});
afterEach(() => mocks.restore());

const dev = stackSpec("dev");
const stepped: PlatformSpec = { ...dev, scaling: { ...dev.scaling, stepScaling: STEPS } };
const policiesCheck = AWS_VERIFY_CHECKS.filter((c) => c.id === "autoscaling.policies");

/** The check's findings on the stepped spec, with the API's policies as deployed plus `step` (none: absent). */
async function findings(step?: ScalingPolicy) {
  answerAsDeployed(mocks, dev, "dev");
  const ctx = verifyContext("dev", { spec: stepped });
  const deployed = await ctx.clients.autoscaling.send(
    new DescribeScalingPoliciesCommand({ ServiceNamespace: "ecs", ResourceId: API }),
  );
  mocks.autoscaling
    .on(DescribeScalingPoliciesCommand, { ServiceNamespace: "ecs", ResourceId: API })
    .resolves({ ScalingPolicies: [...(deployed.ScalingPolicies ?? []), ...(step ? [step] : [])] });
  const results = await runChecks(policiesCheck, ctx);
  return {
    notPassing: results.filter((r) => r.status !== "pass").map((r) => [r.subject, r.status, r.expected, r.found]),
    step: results.filter((r) => r.subject === POLICY).map((r) => [r.status, r.expected, r.found]),
  };
}

describe("verify: the step-scaling policy", () => {
  it("GIVEN the step policy registered as the program does, with its alarm WHEN the policies check runs THEN every finding passes and the step policy is one of them", async () => {
    expect(await findings(deployedStep())).toEqual({ notPassing: [], step: [["pass", EXPECTED, EXPECTED]] });
  });

  it("GIVEN AWS lists the steps in another order WHEN the check runs THEN it still passes: the steps are compared by lower bound", async () => {
    const reversed = { ...CONFIGURATION, StepAdjustments: [...CONFIGURATION.StepAdjustments!].reverse() };
    expect((await findings(deployedStep({ StepScalingPolicyConfiguration: reversed }))).notPassing).toEqual([]);
  });

  it("GIVEN the step policy is gone WHEN the check runs THEN exactly it fails, not registered", async () => {
    expect((await findings()).notPassing).toEqual([[POLICY, "fail", EXPECTED, "not registered"]]);
  });

  it("GIVEN the alarm was deleted and the cooldown changed in the console WHEN the check runs THEN the step policy fails showing both", async () => {
    const changed = deployedStep({ Alarms: [], StepScalingPolicyConfiguration: { ...CONFIGURATION, Cooldown: 300 } });
    expect((await findings(changed)).notPassing).toEqual([
      [
        POLICY,
        "fail",
        EXPECTED,
        "PercentChangeInCapacity cooldown 300 s, at least 1, steps [0, 15) +50% [15, 25) +100% [25, ∞) +200%, alarms none",
      ],
    ]);
  });

  it("GIVEN a policy of that name that is not a step policy WHEN the check runs THEN it fails naming its type", async () => {
    const other = deployedStep({ PolicyType: "TargetTrackingScaling", StepScalingPolicyConfiguration: undefined });
    expect((await findings(other)).notPassing).toEqual([[POLICY, "fail", EXPECTED, "TargetTrackingScaling (not a step policy)"]]);
  });

  it("GIVEN a policy whose steps were replaced by one open below, or removed WHEN the check runs THEN it fails showing -Infinity, or no step", async () => {
    const openBelow = deployedStep({
      StepScalingPolicyConfiguration: {
        ...CONFIGURATION,
        StepAdjustments: [{ MetricIntervalUpperBound: 0, ScalingAdjustment: 10 }],
      },
    });
    const none = deployedStep({
      StepScalingPolicyConfiguration: { ...CONFIGURATION, StepAdjustments: undefined },
      Alarms: undefined,
    });
    expect([(await findings(openBelow)).step, (await findings(none)).step]).toEqual([
      [["fail", EXPECTED, `PercentChangeInCapacity cooldown 30 s, at least 1, steps [-Infinity, 0) +10%, alarms ${ALARM}`]],
      [["fail", EXPECTED, "PercentChangeInCapacity cooldown 30 s, at least 1, steps none, alarms none"]],
    ]);
  });

  it("GIVEN no step and no alarm WHEN a policy is stated THEN both read none", () => {
    expect(
      stepPolicyText({
        adjustmentType: "PercentChangeInCapacity",
        cooldown: 60,
        minAdjustmentMagnitude: 1,
        steps: [],
        alarms: [],
      }),
    ).toBe("PercentChangeInCapacity cooldown 60 s, at least 1, steps none, alarms none");
  });
});
