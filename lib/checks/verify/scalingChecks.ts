/**
 * Autoscaling as deployed: each service's scalable target with the bounds expected at this moment
 * (the web service's schedule lowers its minimum off hours), and every target-tracking, scheduled,
 * predictive and step-scaling policy the program registers (lib/design/scalingPolicies.ts).
 */
import {
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
  DescribeScheduledActionsCommand,
  ScalingPolicy,
} from "@aws-sdk/client-application-auto-scaling";
import {
  predictivePolicy,
  SCHEDULE_TIMEZONE,
  scheduledMinimums,
  StepAdjustmentDefinition,
  StepScalingPolicyDefinition,
  stepScalingPolicy,
  targetTrackingPolicies,
} from "../../design/scalingPolicies";
import { webMinTasksForHour } from "../../models/fleet/webTaskCount";
import { PlatformSpec, serviceList, ServiceSpec } from "../../spec";
import { withSuffix } from "../../spec/names";
import { hourOfWeekAt } from "../../spec/workload";
import { compare, fail, Finding, pass, warn } from "../checkResult";
import { CheckDefinition } from "../runChecks";
import { RESTORE } from "./clusterCheck";
import { arnResource } from "./deployedStack";
import { VerifyContext } from "./verifyContext";

/**
 * Minutes after a scheduled action's time in which either minimum is accepted: Application Auto
 * Scaling runs an action "within a minute or two" of its time, and a check at 08:00:30 must not
 * fail on that (https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-scheduled-scaling.html).
 */
export const SCHEDULE_GRACE_MINUTES = 10;

const HOUR_MS = 3_600_000;
const minimumAt = (spec: PlatformSpec, instant: Date) => webMinTasksForHour(spec, hourOfWeekAt(instant));

/**
 * When the schedule last changed the web service's minimum before `now`: the start of the latest hour
 * whose minimum differs from the hour before (the actions run on the hour, and US Eastern is a whole
 * number of hours from UTC), or undefined when nothing changed within a week.
 */
export function lastScheduleChange(spec: PlatformSpec, now: Date): Date | undefined {
  const hour = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  for (let k = 0; k < 24 * 7; k += 1) {
    const start = new Date(hour - k * HOUR_MS);
    if (minimumAt(spec, start) !== minimumAt(spec, new Date(start.getTime() - HOUR_MS))) return start;
  }
  return undefined;
}

/**
 * The minimums acceptable now: the schedule's for this hour; the previous state's within the grace
 * after a change; and the configured minimum when the target was registered after the last scheduled
 * change (`pulumi up` registers minTasks, and the schedule lowers it only at its next action).
 */
export function expectedMinimums(spec: PlatformSpec, service: ServiceSpec, now: Date, registeredAt?: Date): number[] {
  if (service.role !== "web") return [service.minTasks];
  const minimums = [minimumAt(spec, now), minimumAt(spec, new Date(now.getTime() - SCHEDULE_GRACE_MINUTES * 60_000))];
  const change = lastScheduleChange(spec, now);
  if (registeredAt !== undefined && change !== undefined && registeredAt > change) minimums.push(service.minTasks);
  return [...new Set(minimums)];
}

/** A step policy as verify states it: its configuration, its steps by lower bound, and the alarms that invoke it. */
export function stepPolicyText(policy: {
  adjustmentType?: string;
  cooldown?: number;
  minAdjustmentMagnitude?: number;
  steps: readonly StepAdjustmentDefinition[];
  alarms: readonly string[];
}): string {
  const steps = [...policy.steps]
    .sort((a, b) => a.lowerBound - b.lowerBound)
    .map((s) => `[${s.lowerBound}, ${s.upperBound ?? "∞"}) +${s.addPercent}%`);
  return `${policy.adjustmentType} cooldown ${policy.cooldown} s, at least ${policy.minAdjustmentMagnitude}, steps ${steps.join(" ") || "none"}, alarms ${policy.alarms.join(", ") || "none"}`;
}

/** What the program registers for a step policy, in stepPolicyText's terms. */
const expectedStepPolicy = (step: StepScalingPolicyDefinition) => stepPolicyText({ ...step, alarms: [step.alarm.name] });

/**
 * A deployed step policy in stepPolicyText's terms. DescribeScalingPolicies lists the alarms that
 * invoke it (Alarms), so a policy whose alarm was deleted or re-pointed shows it.
 * https://docs.aws.amazon.com/autoscaling/application/APIReference/API_ScalingPolicy.html
 */
function foundStepPolicy(found: ScalingPolicy | undefined): string {
  const config = found?.StepScalingPolicyConfiguration;
  if (found === undefined) return "not registered";
  if (config === undefined) return `${found.PolicyType} (not a step policy)`;
  return stepPolicyText({
    adjustmentType: config.AdjustmentType,
    cooldown: config.Cooldown,
    minAdjustmentMagnitude: config.MinAdjustmentMagnitude,
    steps: (config.StepAdjustments ?? []).map((a) => ({
      lowerBound: a.MetricIntervalLowerBound ?? Number.NEGATIVE_INFINITY,
      upperBound: a.MetricIntervalUpperBound ?? null,
      addPercent: a.ScalingAdjustment!,
    })),
    alarms: (found.Alarms ?? []).map((a) => a.AlarmName!).sort(),
  });
}

const resourceIdOf = (ctx: VerifyContext, service: ServiceSpec) =>
  `service/${ctx.deployed.names.cluster}/${ctx.deployed.names.service(service)}`;

export const scalableTargetsCheck: CheckDefinition<VerifyContext> = {
  id: "autoscaling.targets",
  title: "Scalable target bounds now",
  failureClass: "drift",
  permissions: ["application-autoscaling:DescribeScalableTargets"],
  async run(ctx) {
    const list = serviceList(ctx.spec);
    const answer = await ctx.clients.autoscaling.send(
      new DescribeScalableTargetsCommand({ ServiceNamespace: "ecs", ResourceIds: list.map((s) => resourceIdOf(ctx, s)) }),
    );
    return list.map((service) => {
      const resourceId = resourceIdOf(ctx, service);
      const target = answer.ScalableTargets?.find(
        (t) => t.ResourceId === resourceId && t.ScalableDimension === "ecs:service:DesiredCount",
      );
      const minimums = expectedMinimums(ctx.spec, service, ctx.now, target?.CreationTime);
      const expected = `min ${minimums.join(" or ")}, max ${service.maxTasks}`;
      if (target === undefined) return fail(resourceId, expected, "not registered", RESTORE);
      const found = `min ${target.MinCapacity}, max ${target.MaxCapacity}`;
      if (minimums.includes(target.MinCapacity!) && target.MaxCapacity === service.maxTasks)
        return pass(resourceId, expected, found);
      // With a schedule, `pulumi up` leaves the target's bounds alone (ignoreChanges): new bounds reach
      // it through the scheduled actions (checked by the policies check), at the next one. A
      // difference is then what a recent config change looks like until that action runs.
      return scheduledMinimums(ctx.spec, service).length > 0
        ? warn(
            resourceId,
            expected,
            found,
            `the scheduled actions carry the configured bounds and apply them at the next raise or lowering (${SCHEDULE_TIMEZONE}); to apply them now: aws application-autoscaling register-scalable-target --service-namespace ecs --scalable-dimension ecs:service:DesiredCount --resource-id ${resourceId} --min-capacity ${minimums[0]} --max-capacity ${service.maxTasks}`,
          )
        : fail(resourceId, expected, found, RESTORE);
    });
  },
};

export const scalingPoliciesCheck: CheckDefinition<VerifyContext> = {
  id: "autoscaling.policies",
  title: "Scaling policies and scheduled actions",
  failureClass: "drift",
  permissions: [
    "application-autoscaling:DescribeScalingPolicies",
    "application-autoscaling:DescribeScheduledActions",
    "elasticloadbalancing:DescribeLoadBalancers",
    "elasticloadbalancing:DescribeTargetGroups",
  ],
  async run(ctx) {
    const name = (kind: string) => withSuffix(kind, ctx.spec.environmentSuffix);
    // ALBRequestCountPerTarget names its target group by this label; a wrong one never scales.
    const [alb, group] = [await ctx.deployed.loadBalancer(), await ctx.deployed.targetGroup()];
    const requestLabel =
      alb === undefined || group === undefined
        ? "(the stack's ALB and target group: not found)"
        : `${arnResource(alb.LoadBalancerArn!)}/${arnResource(group.TargetGroupArn!)}`;
    const label = (definition: { usesResourceLabel: boolean }, found?: string) =>
      definition.usesResourceLabel ? `, label ${found ?? "none"}` : "";
    const findings: Finding[] = [];
    for (const service of serviceList(ctx.spec)) {
      const resourceId = resourceIdOf(ctx, service);
      const policies = await ctx.clients.autoscaling.send(
        new DescribeScalingPoliciesCommand({ ServiceNamespace: "ecs", ResourceId: resourceId }),
      );
      const actions = await ctx.clients.autoscaling.send(
        new DescribeScheduledActionsCommand({ ServiceNamespace: "ecs", ResourceId: resourceId }),
      );
      const policy = (policyName: string) => policies.ScalingPolicies?.find((p) => p.PolicyName === policyName);
      for (const definition of targetTrackingPolicies(ctx.spec, service)) {
        const found = policy(name(definition.kind))?.TargetTrackingScalingPolicyConfiguration;
        findings.push(
          compare(
            name(definition.kind),
            `${definition.predefinedMetricType} at ${definition.targetValue}, cooldowns ${definition.scaleOutCooldown} s out / ${definition.scaleInCooldown} s in${label(definition, requestLabel)}`,
            found === undefined
              ? "not registered"
              : `${found.PredefinedMetricSpecification?.PredefinedMetricType} at ${found.TargetValue}, cooldowns ${found.ScaleOutCooldown} s out / ${found.ScaleInCooldown} s in${label(definition, found.PredefinedMetricSpecification?.ResourceLabel)}`,
            RESTORE,
          ),
        );
      }
      const predictive = predictivePolicy(service);
      if (predictive !== null) {
        const found = policy(name(predictive.kind))?.PredictiveScalingPolicyConfiguration;
        findings.push(
          compare(
            name(predictive.kind),
            `predictive ${predictive.mode}`,
            found === undefined ? "not registered" : `predictive ${found.Mode}`,
            RESTORE,
          ),
        );
      }
      const step = stepScalingPolicy(ctx.spec, service);
      if (step !== null) {
        findings.push(compare(name(step.kind), expectedStepPolicy(step), foundStepPolicy(policy(name(step.kind))), RESTORE));
      }
      for (const scheduled of scheduledMinimums(ctx.spec, service)) {
        const found = actions.ScheduledActions?.find((a) => a.ScheduledActionName === name(scheduled.kind));
        findings.push(
          compare(
            name(scheduled.kind),
            `${scheduled.schedule} ${SCHEDULE_TIMEZONE}, min ${scheduled.minCapacity}, max ${scheduled.maxCapacity}`,
            found === undefined
              ? "not registered"
              : `${found.Schedule} ${found.Timezone}, min ${found.ScalableTargetAction?.MinCapacity}, max ${found.ScalableTargetAction?.MaxCapacity}`,
            RESTORE,
          ),
        );
      }
    }
    return findings;
  },
};
