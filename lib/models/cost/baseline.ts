/**
 * The unoptimized setup the savings are measured against, "deployed for the deadline": every
 * service a fixed fleet of 1 vCPU / 2 GB X86_64 tasks on on-demand FARGATE (by default 6 API and 2
 * worker tasks), no autoscaling, 3 AZs with a NAT gateway each, no interface endpoints, logs that
 * never expire in the STANDARD class, and Container Insights on. Its settings are the spec's
 * cost.baseline (the baseline* config keys). It is the optimized spec with a set of aspects
 * reverted, so it serves the same workload on the same ALB and the comparison changes only what the
 * levers change. Each aspect is a separate function so the waterfall (levers.ts) can revert any
 * subset of them.
 */
import { BaselineSpec, PlatformSpec, ServiceSpec, withEveryService } from "../../spec";

/** A fixed fleet: min = max = desired, so target tracking has nothing to do and is not deployed. */
function fixedFleet(service: ServiceSpec, tasks: number): ServiceSpec {
  return { ...service, minTasks: tasks, maxTasks: tasks, desiredTasks: tasks };
}

/** Everything on on-demand FARGATE. */
function onDemandOnly(service: ServiceSpec): ServiceSpec {
  return { ...service, onDemandBase: 0, onDemandWeight: 1, spotWeight: 0 };
}

/** The web service's own scaling machinery, off: no predictive policy, no off-hours schedule. */
function withoutPredictive(service: ServiceSpec): ServiceSpec {
  return service.role === "web" ? { ...service, predictiveScaling: "off" } : service;
}

function withoutSchedule(service: ServiceSpec): ServiceSpec {
  return service.role === "web" ? { ...service, scheduledScaling: false } : service;
}

type Revert = (spec: PlatformSpec, baseline: BaselineSpec) => PlatformSpec;

const baselineOf = (baseline: BaselineSpec, service: ServiceSpec) => baseline.services[service.id];

/**
 * The aspects in which the baseline differs from the optimized spec. Each touches its own fields
 * only, so reverting any subset in any order gives the same spec.
 */
export const BASELINE_ASPECTS = {
  architecture: (spec, b) => ({ ...spec, cpuArchitecture: b.architecture }),
  taskSize: (spec, b) => withEveryService(spec, (s) => ({ ...s, cpu: baselineOf(b, s).cpu, memory: baselineOf(b, s).memory })),
  // The fast-scaling machinery (20-second metrics, step scaling, predictive policy) goes with autoscaling.
  autoscaling: (spec, b) => ({
    ...withEveryService(spec, (s) => withoutPredictive(fixedFleet(s, baselineOf(b, s).tasks))),
    scaling: { ...spec.scaling, highResolutionMetrics: false, stepScaling: null },
  }),
  scheduledScaling: (spec) => withEveryService(spec, withoutSchedule),
  spot: (spec) => withEveryService(spec, onDemandOnly),
  natGateways: (spec, b) => ({ ...spec, network: { ...spec.network, natGateways: b.natGateways } }),
  interfaceEndpoints: (spec) => ({
    ...spec,
    network: { ...spec.network, interfaceEndpointsSetting: "off", interfaceEndpoints: false },
  }),
  availabilityZones: (spec, b) => ({ ...spec, network: { ...spec.network, availabilityZoneCount: b.availabilityZoneCount } }),
  logRetention: (spec, b) => ({ ...spec, observability: { ...spec.observability, logRetentionDays: b.logRetentionDays } }),
  logClass: (spec, b) => ({ ...spec, observability: { ...spec.observability, logClass: b.logClass } }),
  containerInsights: (spec, b) => ({ ...spec, observability: { ...spec.observability, containerInsights: b.containerInsights } }),
} as const satisfies Record<string, Revert>;

export type BaselineAspect = keyof typeof BASELINE_ASPECTS;

export const ALL_BASELINE_ASPECTS = Object.keys(BASELINE_ASPECTS) as BaselineAspect[];

/** The spec with the given aspects set to their baseline values and everything else unchanged. */
export function revertToBaseline(spec: PlatformSpec, aspects: readonly BaselineAspect[]): PlatformSpec {
  return aspects.reduce<PlatformSpec>((current, aspect) => BASELINE_ASPECTS[aspect](current, spec.cost.baseline), spec);
}

/** The baseline for a spec: same workload, project and stack, every aspect reverted. */
export function baselineSpec(spec: PlatformSpec): PlatformSpec {
  return revertToBaseline(spec, ALL_BASELINE_ASPECTS);
}
