/**
 * Specs for the cost tests: the default dev, staging and prod stacks as resolveSpec builds them, the legacy
 * (pinned) dev and prod stacks the mechanics tests are written against, a "flat" spec whose every
 * hour is the same (so line items can be computed by hand), and a fast-check arbitrary over valid
 * stack configurations.
 */
import * as fc from "fast-check";
import { allFargateSizes } from "../../../../lib/aws/fargateSizes";
import { resolveSpec } from "../../../../lib/stackSpec";
import { CostEstimate, LineItem } from "../../../../lib/models/cost/estimate";
import {
  ContainerInsightsMode,
  PlatformSpec,
  WebServiceSpec,
  WorkerServiceSpec,
  webService,
  withService,
  withWebService,
  workerServices,
} from "../../../../lib/spec";
import { mapSource } from "../../support/configSource";
import { LEGACY_DEV_CONFIG, LEGACY_PROD_CONFIG } from "../../support/legacyStacks";

export const DEV_CONFIG: Record<string, string> = { environmentSuffix: "dev", environment: "dev" };
export const STAGING_CONFIG: Record<string, string> = { environmentSuffix: "staging", environment: "staging" };
export const PROD_CONFIG: Record<string, string> = {
  environmentSuffix: "prod",
  environment: "prod",
  certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc",
};

export function specFrom(map: Record<string, string>): PlatformSpec {
  return resolveSpec(mapSource(map), { project: "payment-platform", stack: map.environment ?? "dev" });
}

/**
 * The current defaults (lib/config/platformKeys.ts and the service catalogue, lib/config/services.ts).
 * Only the tests about the default stacks themselves, and tests whose assertions do not depend on
 * the stack's settings, use these; their numbers change whenever the defaults do.
 */
export const devSpec = (extra: Record<string, string> = {}) => specFrom({ ...DEV_CONFIG, ...extra });
export const stagingSpec = (extra: Record<string, string> = {}) => specFrom({ ...STAGING_CONFIG, ...extra });
export const prodSpec = (extra: Record<string, string> = {}) => specFrom({ ...PROD_CONFIG, ...extra });

/** The golden plan document of a default stack (test/unit/support/runPlatform.ts). */
export { goldenPlan } from "../../support/runPlatform";

/** The legacy stacks the mechanics tests are written against (test/unit/support/legacyStacks.ts). */
export { LEGACY_DEV_CONFIG, LEGACY_PROD_CONFIG };

/** The legacy dev stack, with further overrides on top. */
export const legacyDevSpec = (extra: Record<string, string> = {}) => specFrom({ ...DEV_CONFIG, ...LEGACY_DEV_CONFIG, ...extra });
/** The legacy prod stack, with further overrides on top. */
export const legacyProdSpec = (extra: Record<string, string> = {}) =>
  specFrom({ ...PROD_CONFIG, ...LEGACY_PROD_CONFIG, ...extra });

/**
 * 100 requests/s every hour of the week (1 vCPU of API demand), one 1 vCPU / 2 GB X86_64 task per
 * service on on-demand FARGATE, 2 AZs with one NAT, no endpoints, 7-day STANDARD logs, Container
 * Insights off, 60-second metrics. Monthly requests: 100 x 3600 x 730 = 262,800,000. The
 * request-count policy tracks 6000 requests per task per minute (100 rps: it asks for 1 task), so
 * the CPU policy alone sets the count whatever size a test gives the tasks; the tests of the
 * request-count policy lower it.
 */
export function flatSpec(): PlatformSpec {
  const spec = legacyDevSpec();
  const fixed = {
    cpu: 1024,
    memory: 2048,
    minTasks: 1,
    maxTasks: 1,
    desiredTasks: 1,
    onDemandBase: 0,
    onDemandWeight: 1,
    spotWeight: 0,
    secrets: {},
  };
  const services = withWorker(
    withApi(spec, { ...fixed, cpuTargetPercent: 50, scheduledScaling: false, requestsPerTargetPerMinute: 6000 }),
    { ...fixed, cpuTargetPercent: 70, vcpuDemand: 0.1 },
  );
  return {
    ...services,
    cpuArchitecture: "X86_64",
    network: {
      ...spec.network,
      availabilityZoneCount: 2,
      natGateways: "single",
      interfaceEndpointsSetting: "off",
      interfaceEndpoints: false,
    },
    loadBalancer: { ...spec.loadBalancer, idleTimeoutSeconds: 60 },
    scaling: { ...spec.scaling, highResolutionMetrics: false },
    observability: { ...spec.observability, logRetentionDays: 7, logClass: "STANDARD", containerInsights: "disabled" },
    workload: {
      ...spec.workload,
      peakRps: 100,
      nightRps: 100,
      weekendFactor: 1,
      cpuMsPerRequest: 10,
      requestKb: 2,
      responseKb: 2,
      logKbPerRequest: 1,
      newConnectionFraction: 0.1,
      imageMb: 150,
    },
    cost: { ...spec.cost, spotDiscount: 0.65 },
  };
}

/** The API: the web service (spec.services.api). */
export const apiOf = (spec: PlatformSpec): WebServiceSpec => webService(spec);

/** The worker (spec.services.worker). */
export function workerOf(spec: PlatformSpec): WorkerServiceSpec {
  const worker = workerServices(spec).find((s) => s.id === "worker");
  if (!worker) throw new Error("no worker service");
  return worker;
}

/** Replaces some fields of the API (the web service). */
export function withApi(spec: PlatformSpec, api: Partial<WebServiceSpec>): PlatformSpec {
  return withWebService(spec, (web) => ({ ...web, ...api }));
}

/** Replaces some fields of the worker. */
export function withWorker(spec: PlatformSpec, worker: Partial<WorkerServiceSpec>): PlatformSpec {
  return withService(spec, workerOf(spec), (current) => ({ ...current, ...worker }));
}

export function withWorkload(spec: PlatformSpec, workload: Partial<PlatformSpec["workload"]>): PlatformSpec {
  return { ...spec, workload: { ...spec.workload, ...workload } };
}

export function withNetwork(spec: PlatformSpec, network: Partial<PlatformSpec["network"]>): PlatformSpec {
  return { ...spec, network: { ...spec.network, ...network } };
}

export function withObservability(spec: PlatformSpec, observability: Partial<PlatformSpec["observability"]>): PlatformSpec {
  return { ...spec, observability: { ...spec.observability, ...observability } };
}

export function lineItem(estimate: CostEstimate, id: string): LineItem {
  const item = estimate.lineItems.find((i) => i.id === id);
  if (!item) throw new Error(`no line item ${id}`);
  return item;
}

/** Task sizes up to 4 vCPU keep the arbitrary's specs realistic and the runs fast. */
const SIZES = allFargateSizes().filter((s) => s.cpu <= 4096);

/** Valid stack configurations (dev environment, every key the cost model reads drawn at random) as specs. */
export const arbitrarySpec: fc.Arbitrary<PlatformSpec> = fc
  .record({
    availabilityZoneCount: fc.constantFrom(2, 3),
    natGateways: fc.constantFrom("single", "perAz"),
    interfaceEndpoints: fc.constantFrom("on", "off", "auto"),
    cpuArchitecture: fc.constantFrom("ARM64", "X86_64"),
    apiSize: fc.constantFrom(...SIZES),
    workerSize: fc.constantFrom(...SIZES),
    apiMinTasks: fc.integer({ min: 0, max: 6 }),
    apiExtraTasks: fc.integer({ min: 1, max: 20 }),
    baseShare: fc.integer({ min: 0, max: 6 }),
    onDemandWeight: fc.integer({ min: 0, max: 3 }),
    spotWeight: fc.integer({ min: 1, max: 3 }),
    apiCpuTargetPercent: fc.integer({ min: 10, max: 90 }),
    workerMinTasks: fc.integer({ min: 0, max: 3 }),
    workerExtraTasks: fc.integer({ min: 1, max: 5 }),
    scheduledScaling: fc.boolean(),
    offHoursShare: fc.integer({ min: 0, max: 6 }),
    highResolutionMetrics: fc.boolean(),
    logRetentionDays: fc.constantFrom(7, 14),
    logClass: fc.constantFrom("STANDARD", "INFREQUENT_ACCESS"),
    peakRps: fc.integer({ min: 1, max: 2000 }),
    nightShare: fc.integer({ min: 0, max: 100 }),
    businessStartHour: fc.integer({ min: 0, max: 22 }),
    businessLength: fc.integer({ min: 1, max: 24 }),
    rampHours: fc.integer({ min: 0, max: 6 }),
    weekendPercent: fc.integer({ min: 0, max: 100 }),
    cpuMs: fc.integer({ min: 1, max: 200 }),
    requestKb: fc.integer({ min: 0, max: 100 }),
    responseKb: fc.integer({ min: 0, max: 100 }),
    logKb: fc.integer({ min: 0, max: 20 }),
    newConnectionPercent: fc.integer({ min: 0, max: 100 }),
    imageMb: fc.integer({ min: 1, max: 2000 }),
    workerMillicores: fc.integer({ min: 0, max: 4000 }),
    spotDiscountPercent: fc.integer({ min: 0, max: 90 }),
    baselineApiTasks: fc.integer({ min: 1, max: 20 }),
    baselineArchitecture: fc.constantFrom("ARM64", "X86_64"),
    containerInsights: fc.constantFrom<ContainerInsightsMode>("disabled", "enabled", "enhanced"),
  })
  .map((r) => {
    const apiMin = r.apiMinTasks;
    const spec = specFrom({
      ...DEV_CONFIG,
      availabilityZoneCount: String(r.availabilityZoneCount),
      natGateways: r.natGateways,
      interfaceEndpoints: r.interfaceEndpoints,
      cpuArchitecture: r.cpuArchitecture,
      apiCpu: String(r.apiSize.cpu),
      apiMemory: String(r.apiSize.memory),
      workerCpu: String(r.workerSize.cpu),
      workerMemory: String(r.workerSize.memory),
      apiMinTasks: String(apiMin),
      apiDesiredTasks: String(apiMin),
      apiMaxTasks: String(apiMin + r.apiExtraTasks),
      onDemandBase: String(Math.min(apiMin, r.baseShare)),
      onDemandWeight: String(r.onDemandWeight),
      spotWeight: String(r.spotWeight),
      apiCpuTargetPercent: String(r.apiCpuTargetPercent),
      workerMinTasks: String(r.workerMinTasks),
      workerMaxTasks: String(r.workerMinTasks + r.workerExtraTasks),
      scheduledScaling: String(r.scheduledScaling),
      offHoursMinTasks: String(Math.min(apiMin, r.offHoursShare)),
      highResolutionMetrics: String(r.highResolutionMetrics),
      logRetentionDays: String(r.logRetentionDays),
      logClass: r.logClass,
      workloadPeakRps: String(r.peakRps),
      workloadNightRps: String(Math.floor((r.peakRps * r.nightShare) / 100)),
      workloadBusinessStartHour: String(r.businessStartHour),
      workloadBusinessEndHour: String(Math.min(24, r.businessStartHour + r.businessLength)),
      workloadRampHours: String(r.rampHours),
      workloadWeekendPercent: String(r.weekendPercent),
      workloadCpuMsPerRequest: String(r.cpuMs),
      workloadRequestKb: String(r.requestKb),
      workloadResponseKb: String(r.responseKb),
      workloadLogKbPerRequest: String(r.logKb),
      workloadNewConnectionPercent: String(r.newConnectionPercent),
      workloadImageMb: String(r.imageMb),
      workloadWorkerMillicores: String(r.workerMillicores),
      spotDiscountPercent: String(r.spotDiscountPercent),
      baselineApiTasks: String(r.baselineApiTasks),
      baselineArchitecture: r.baselineArchitecture,
    });
    return withObservability(spec, { containerInsights: r.containerInsights });
  });

/** 0.5 vCPU / 1 GB tasks, 1 to 10, on-demand base 1 then 1:3 FARGATE:FARGATE_SPOT: the split the fleet tests bill. */
export const SPLIT_FLEET: Partial<WebServiceSpec> = {
  cpu: 512,
  memory: 1024,
  minTasks: 1,
  maxTasks: 10,
  onDemandBase: 1,
  onDemandWeight: 1,
  spotWeight: 3,
};
