/**
 * The web service's optional step-scaling policy (lib/spec/platformSpec.ts StepScalingSpec) as
 * Application Auto Scaling runs it, for the simulation (simulation.ts): the alarm on the CPU
 * metric's datapoints, the step the breach selects, the PercentChangeInCapacity adjustment and the
 * scale-out cooldown
 * (https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-step-scaling-policies.html).
 */
import type { ScalingStep, StepScalingSpec } from "../../spec";

/**
 * Tasks a PercentChangeInCapacity step adds to a capacity: AAS rounds a result between 0 and 1 up
 * to 1 and a larger one down (10% of 10 adds 1; 30% of 11 adds 3); with MinAdjustmentMagnitude 1
 * (lib/design/scalingPolicies.ts) that is "at least one task". Nothing is added to a capacity of 0.
 */
export function percentChangeInCapacity(capacity: number, addPercent: number): number {
  const raw = (capacity * addPercent) / 100;
  if (raw <= 0) return 0;
  return raw < 1 ? 1 : Math.floor(raw + 1e-9);
}

/** The step a metric value selects: the last one whose fromCpuPercent it reaches (lower bounds inclusive). */
export function stepFor(steps: readonly ScalingStep[], metric: number): ScalingStep {
  return steps.filter((s) => s.fromCpuPercent <= metric + 1e-9).pop() ?? steps[0];
}

/**
 * The alarm (GreaterThanOrEqualToThreshold at the first step's fromCpuPercent, datapoints to alarm =
 * evaluation periods, missing data not breaching) over the latest datapoints: the value AAS
 * aggregates (Average of the evaluated datapoints) when it breaches, else null.
 */
export function breachingMetric(spec: StepScalingSpec, history: readonly (number | null)[]): number | null {
  const threshold = spec.steps[0].fromCpuPercent;
  const window = history.slice(-spec.evaluationPeriods);
  if (window.length < spec.evaluationPeriods) return null;
  if (!window.every((d) => d !== null && d >= threshold - 1e-9)) return null;
  return (window as number[]).reduce((a, b) => a + b, 0) / window.length;
}

/** What the policy remembers between invocations. */
export interface StepPolicyState {
  /** When its last scale-out began the cooldown (-Infinity: never). */
  cooldownFrom: number;
  /** The desired count before that scale-out. */
  base: number;
}

export const newStepPolicyState = (): StepPolicyState => ({ cooldownFrom: -Infinity, base: 0 });

/**
 * The desired count one invocation asks for, before the service's maximum caps it. Outside the
 * cooldown: desired + the step's adjustment of desired. Within it, AAS counts the capacity the
 * initiating scale-out added as part of the next one ("only 1 is added" when a +3 step follows a +2
 * one), so the ask is base + the step's adjustment of base, which changes nothing unless the step is
 * larger. Assumption: the adjustment is a percent of that base (AAS documents the rule with a
 * ChangeInCapacity example only), and a larger scale-out within the cooldown keeps its start and base.
 */
export function stepAsk(
  spec: StepScalingSpec,
  state: StepPolicyState,
  metric: number,
  desired: number,
  time: number,
  cooldownSeconds: number,
): number {
  const { addPercent } = stepFor(spec.steps, metric);
  const inCooldown = time - state.cooldownFrom < cooldownSeconds;
  const base = inCooldown ? state.base : desired;
  return base + percentChangeInCapacity(base, addPercent);
}

/** Records a scale-out the policy made: a new cooldown from `time` unless one is running. */
export function recordStepScaleOut(state: StepPolicyState, from: number, time: number, cooldownSeconds: number): void {
  if (time - state.cooldownFrom < cooldownSeconds) return;
  state.cooldownFrom = time;
  state.base = from;
}
