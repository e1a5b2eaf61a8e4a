/**
 * The unoptimized setup the savings are measured against, "deployed for the deadline": a fixed
 * fleet of 1 vCPU / 2 GB X86_64 tasks on on-demand FARGATE (6 API, 2 worker), no autoscaling,
 * 3 AZs with a NAT gateway each, no interface endpoints, logs that never expire in the STANDARD
 * class, and Container Insights on. It is the optimized spec with a set of aspects reverted, so it
 * serves the same workload on the same ALB and the comparison changes only what the levers change.
 * Each aspect is a separate function so the waterfall (levers.ts) can revert any subset of them.
 */
import { defaultFor, keyDefinition } from "../configKeys";
import { BaselineOverrides, PlatformSpec, ServiceSizing } from "../spec";

export type { BaselineOverrides } from "../spec";

/** Every baseline setting, resolved. */
export type BaselineSettings = Required<BaselineOverrides>;

/** The config key of each setting: the defaults are read from the key table, so they are written once. */
export const BASELINE_CONFIG_KEYS: Readonly<Record<keyof BaselineSettings, string>> = {
  apiTasks: "baselineApiTasks",
  apiCpu: "baselineApiCpu",
  apiMemory: "baselineApiMemory",
  workerTasks: "baselineWorkerTasks",
  workerCpu: "baselineWorkerCpu",
  workerMemory: "baselineWorkerMemory",
  architecture: "baselineArchitecture",
  availabilityZoneCount: "baselineAvailabilityZoneCount",
  natGateways: "baselineNatGateways",
  logRetentionDays: "baselineLogRetentionDays",
  logClass: "baselineLogClass",
  containerInsights: "baselineContainerInsights",
};

/** The baseline's defaults (the same in every environment: the baseline is one reference setup). */
export function defaultBaselineSettings(): BaselineSettings {
  const entries = Object.entries(BASELINE_CONFIG_KEYS).map(([field, key]) => [field, defaultFor(keyDefinition(key), "dev")]);
  return Object.fromEntries(entries) as BaselineSettings;
}

/** The defaults with the spec's overrides (spec.cost.baseline) on top. */
export function baselineSettings(spec: PlatformSpec): BaselineSettings {
  const overrides = Object.entries(spec.cost.baseline ?? {}).filter(([, value]) => value !== undefined);
  return { ...defaultBaselineSettings(), ...Object.fromEntries(overrides) };
}

/** A fixed fleet: min = max = desired, so target tracking has nothing to do and is not deployed. */
function fixedFleet<T extends ServiceSizing>(sizing: T, tasks: number): T {
  return { ...sizing, minTasks: tasks, maxTasks: tasks, desiredTasks: tasks };
}

/** Everything on on-demand FARGATE. */
function onDemandOnly<T extends ServiceSizing>(sizing: T): T {
  return { ...sizing, onDemandBase: 0, onDemandWeight: 1, spotWeight: 0 };
}

type Revert = (spec: PlatformSpec, baseline: BaselineSettings) => PlatformSpec;

/**
 * The aspects in which the baseline differs from the optimized spec. Each touches its own fields
 * only, so reverting any subset in any order gives the same spec.
 */
export const BASELINE_ASPECTS = {
  architecture: (spec, b) => ({ ...spec, cpuArchitecture: b.architecture }),
  taskSize: (spec, b) => ({
    ...spec,
    api: { ...spec.api, cpu: b.apiCpu, memory: b.apiMemory },
    worker: { ...spec.worker, cpu: b.workerCpu, memory: b.workerMemory },
  }),
  // The fast-scaling machinery (20-second metrics, predictive policy) goes with autoscaling.
  autoscaling: (spec, b) => ({
    ...spec,
    api: fixedFleet(spec.api, b.apiTasks),
    worker: fixedFleet(spec.worker, b.workerTasks),
    scaling: { ...spec.scaling, highResolutionMetrics: false, predictiveScaling: "off" },
  }),
  scheduledScaling: (spec) => ({ ...spec, scaling: { ...spec.scaling, scheduledScaling: false } }),
  spot: (spec) => ({ ...spec, api: onDemandOnly(spec.api), worker: onDemandOnly(spec.worker) }),
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
  const settings = baselineSettings(spec);
  return aspects.reduce<PlatformSpec>((current, aspect) => BASELINE_ASPECTS[aspect](current, settings), spec);
}

/** The baseline for a spec: same workload, project and stack, every aspect reverted. */
export function baselineSpec(spec: PlatformSpec): PlatformSpec {
  return revertToBaseline(spec, ALL_BASELINE_ASPECTS);
}
