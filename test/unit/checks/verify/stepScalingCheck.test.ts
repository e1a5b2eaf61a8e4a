/**
 * verify's scaling-policies check on a dev stack with a three-step policy (set directly on the spec:
 * test/unit/config/stepScalingKeys.test.ts covers the keys that fill it): the policy and the alarm
 * that invokes it as DescribeScalingPolicies reports them, beside the other policies the golden
 * registrations answer. The golden dev stack has its own step policy (stepScalingSteps auto at its 35%
 * target: one step from 45%); each test replaces it with the one it states, so that the name is
 * answered once. The step policy's cooldown is the derived one (lib/design/scalingPolicies.ts
 * stepScalingCooldownSeconds: 85 s for the defaults, whatever the steps), read from the design.
 */
import {
  DescribeScalingPoliciesCommand,
  ScalingPolicy,
  StepScalingPolicyConfiguration,
} from "@aws-sdk/client-application-auto-scaling";
import { runChecks } from "../../../../lib/checks/runChecks";
import { stepScalingCooldownSeconds } from "../../../../lib/design/scalingPolicies";
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
const dev = stackSpec("dev");
const stepped: PlatformSpec = { ...dev, scaling: { ...dev.scaling, stepScaling: STEPS } };
/** The cooldown the program gives the stepped policy (85 s: launch, one health check, one datapoint, the alarm lag). */
const COOLDOWN = stepScalingCooldownSeconds(stepped);
const EXPECTED = `PercentChangeInCapacity cooldown ${COOLDOWN} s, at least 1, steps [0, 15) +50% [15, 25) +100% [25, ∞) +200%, alarms ${ALARM}`;

/** The step policy as AWS reports it once `pulumi up` registered it (the alarm's actions name its ARN). */
const CONFIGURATION: StepScalingPolicyConfiguration = {
  AdjustmentType: "PercentChangeInCapacity",
  Cooldown: COOLDOWN,
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

const policiesCheck = AWS_VERIFY_CHECKS.filter((c) => c.id === "autoscaling.policies");

/** The check's findings on the stepped spec, with the API's policies as deployed and `step` in place of the golden step policy (none: absent). */
async function findings(step?: ScalingPolicy) {
  answerAsDeployed(mocks, dev, "dev");
  const ctx = verifyContext("dev", { spec: stepped });
  const deployed = await ctx.clients.autoscaling.send(
    new DescribeScalingPoliciesCommand({ ServiceNamespace: "ecs", ResourceId: API }),
  );
  mocks.autoscaling.on(DescribeScalingPoliciesCommand, { ServiceNamespace: "ecs", ResourceId: API }).resolves({
    ScalingPolicies: [...(deployed.ScalingPolicies ?? []).filter((p) => p.PolicyName !== POLICY), ...(step ? [step] : [])],
  });
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
      [
        [
          "fail",
          EXPECTED,
          `PercentChangeInCapacity cooldown ${COOLDOWN} s, at least 1, steps [-Infinity, 0) +10%, alarms ${ALARM}`,
        ],
      ],
      [["fail", EXPECTED, `PercentChangeInCapacity cooldown ${COOLDOWN} s, at least 1, steps none, alarms none`]],
    ]);
  });

  it("GIVEN dev deployed as registered (stepScalingSteps auto at its 35% target) WHEN the policies check runs on dev's own spec THEN its step policy passes: one step from the 45% alarm adding 200%, invoked by its alarm, with the derived cooldown", async () => {
    answerAsDeployed(mocks, dev, "dev");
    const results = await runChecks(policiesCheck, verifyContext("dev"));
    // The golden registration's cooldown (what the fake AWS answers) against the design's for dev's own spec.
    const auto = `PercentChangeInCapacity cooldown ${stepScalingCooldownSeconds(dev)} s, at least 1, steps [0, ∞) +200%, alarms ${ALARM}`;
    expect(results.filter((r) => r.subject === POLICY).map((r) => [r.status, r.expected, r.found])).toEqual([
      ["pass", auto, auto],
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
