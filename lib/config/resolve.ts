/**
 * Pulumi config -> validated, typed ConfiguredSpec. Config is read once (components never create
 * `pulumi.Config`), each key through its typed definition (platformKeys.ts, serviceKeys.ts), and
 * every rule is checked before any resource is created. All problems are reported together, each
 * naming the key, the value, the rule and an example of a good value. The config layer imports no
 * model: `interfaceEndpoints: auto` is settled after it (lib/models/cost/endpointChoice.ts).
 */
import { fargateTaskLaunchSeconds, REGION } from "../aws/timings";
import type { ConfiguredSpec, Environment, ServiceSpec, StepScalingSpec, TimeShape } from "../spec";
import { webContainer, workerContainer } from "./containers";
import { declaredKeys } from "./declaredKeys";
import { KeyValues } from "./keyTable";
import { readTable, unknownKeyProblems } from "./parse";
import { PLATFORM_KEYS, PlatformKeys } from "./platformKeys";
import {
  checkCidr,
  checkPlatform,
  checkImage,
  checkComplianceSettingsTakeEffect,
  checkTimeShapeSettingsTakeEffect,
  checkImageBehindDnsFirewall,
  checkServiceCounts,
  checkSuffix,
  checkTaskSize,
  checkWebService,
  parseInternalCallers,
  parseStepScaling,
  parseFirewallDomains,
  parseSecrets,
} from "./rules";
import { CommonServiceKeys, WebServiceKeys, WorkerServiceKeys } from "./serviceKeys";
import { ServiceCatalog, ServiceEntry } from "./services";
import { ConfigError, ConfigSource, StackIdentity } from "./source";

/** A catalogue the rest of the platform can rely on: unique ids and names, exactly one web service. */
export function catalogProblems(catalog: ServiceCatalog): string[] {
  const problems: string[] = [];
  const ids = catalog.map((e) => e.id);
  const names = catalog.map((e) => e.name);
  const repeated = (values: string[]) => values.filter((v, i) => values.indexOf(v) !== i);
  if (repeated(ids).length > 0) problems.push(`service catalogue: ids must be unique (repeated: ${repeated(ids).join(", ")})`);
  if (repeated(names).length > 0)
    problems.push(`service catalogue: names must be unique (repeated: ${repeated(names).join(", ")})`);
  const web = catalog.filter((e) => e.role === "web").length;
  if (web !== 1) problems.push(`service catalogue: exactly one service must have the web role (found ${web})`);
  return problems;
}

/** The keys only the entry's role has, tagged by the role. */
type RoleValues =
  | { role: "web"; keys: WebServiceKeys; web: KeyValues<WebServiceKeys> }
  | { role: "worker"; worker: KeyValues<WorkerServiceKeys> };

interface ServiceValues {
  entry: ServiceEntry;
  v: KeyValues<CommonServiceKeys>;
}

/** The environment first (it selects every other default); a bad value is reported once, with the other keys. */
function readEnvironment(source: ConfigSource): Environment {
  return readTable({ environment: PLATFORM_KEYS.environment }, source, "dev", []).environment ?? "dev";
}

/** Raw config -> ConfiguredSpec, or a ConfigError listing every problem. Pure: the source is injected. */
export function resolveConfig(source: ConfigSource, identity: StackIdentity, catalog: ServiceCatalog): ConfiguredSpec {
  const problems: string[] = [...catalogProblems(catalog)];
  if (problems.length > 0) throw new ConfigError(problems);
  problems.push(
    ...unknownKeyProblems(
      source.keys(),
      declaredKeys(catalog).map((d) => d.key),
    ),
  );
  const region = source.awsRegion();
  if (region !== undefined && region !== REGION) {
    problems.push(
      `aws:region = "${region}": the platform deploys to us-east-1 only (its prices and limits are us-east-1's). Example: pulumi config set aws:region us-east-1`,
    );
  }
  const environment = readEnvironment(source);
  const p = readTable(PLATFORM_KEYS, source, environment, problems);
  const services: ServiceValues[] = catalog.map((entry) => ({ entry, v: readTable(entry.keys, source, environment, problems) }));
  const roleValues = catalog.map((entry): RoleValues =>
    entry.role === "web"
      ? { role: "web", keys: entry.webKeys, web: readTable(entry.webKeys, source, environment, problems) }
      : { role: "worker", worker: readTable(entry.workerKeys, source, environment, problems) },
  );
  let stepScaling: StepScalingSpec | null = null;
  if (problems.length === 0) {
    checkSuffix(
      p.environmentSuffix,
      catalog.map((e) => e.name),
      problems,
    );
    checkCidr(p.vpcCidr, problems);
    for (const { entry, v } of services) {
      checkTaskSize(entry.keys.cpu, entry.keys.memory, v.cpu, v.memory, problems);
      checkTaskSize(entry.keys.baselineCpu, entry.keys.baselineMemory, v.baselineCpu, v.baselineMemory, problems);
      checkServiceCounts(entry.keys, v, problems);
      checkImage(entry.keys.image, v.image, problems);
      if (entry.role === "web") {
        checkWebService(entry, v, p, environment, problems);
        stepScaling = parseStepScaling(
          p,
          entry.keys.cpuTargetPercent,
          v.cpuTargetPercent,
          (key) => source.get(key) !== undefined,
          problems,
        );
      }
    }
    checkPlatform(p, environment, problems);
    checkComplianceSettingsTakeEffect(p, (key) => source.get(key) !== undefined, problems);
    checkTimeShapeSettingsTakeEffect(p, (key) => source.get(key) !== undefined, problems);
  }
  const workerIds = catalog.filter((e) => e.role === "worker").map((e) => e.id);
  const built = services.map(({ entry, v }, i) => {
    const secrets = parseSecrets(entry.keys.secrets, v.secrets, problems);
    const base = {
      id: entry.id,
      name: entry.name,
      label: entry.label,
      cpu: v.cpu,
      memory: v.memory,
      minTasks: v.minTasks,
      maxTasks: v.maxTasks,
      desiredTasks: v.desiredTasks ?? v.minTasks,
      onDemandBase: v.onDemandBase,
      onDemandWeight: v.onDemandWeight,
      spotWeight: v.spotWeight,
      cpuTargetPercent: v.cpuTargetPercent,
      stopTimeoutSeconds: v.stopTimeoutSeconds,
      secrets,
    };
    const role = roleValues[i];
    if (role.role === "web") {
      const { web, keys } = role;
      const spec: ServiceSpec = {
        ...base,
        role: "web",
        container: webContainer(v.image, p.containerPort, p.containerHealthCheckPath),
        containerPort: p.containerPort,
        healthCheckPath: p.healthCheckPath,
        processesPerTask: web.processesPerTask,
        keepAliveTimeoutSeconds: p.appKeepAliveTimeoutSeconds,
        healthCheckGracePeriodSeconds: p.healthCheckGracePeriodSeconds,
        internalCallers: parseInternalCallers(keys.internalCallers, web.internalCallers, workerIds, problems),
        memoryTargetPercent: p.memoryTargetPercent,
        requestsPerTargetPerMinute: p.requestsPerTargetPerMinute,
        scheduledScaling: p.scheduledScaling,
        offHoursMinTasks: p.offHoursMinTasks,
        predictiveScaling: p.predictiveScaling,
      };
      return spec;
    }
    const spec: ServiceSpec = {
      ...base,
      role: "worker",
      container: workerContainer(v.image),
      vcpuDemand: role.worker.millicores / 1000,
    };
    return spec;
  });
  const dnsFirewallDomains = parseFirewallDomains(PLATFORM_KEYS.dnsFirewallAllowedDomains, p.dnsFirewallAllowedDomains, problems);
  if (p.dnsFirewall) for (const { entry, v } of services) checkImageBehindDnsFirewall(entry.keys.image, v.image, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return buildSpec(p, environment, identity, built, services, dnsFirewallDomains, stepScaling);
}

/** A lognormal's CV defaults to 100% (the exponential's spread) when unset. */
export const DEFAULT_LOGNORMAL_CV_PERCENT = 100;

function timeShape(kind: "exponential" | "lognormal" | "deterministic", cvPercent: number | undefined): TimeShape {
  if (kind !== "lognormal") return { kind };
  return { kind, coefficientOfVariation: (cvPercent ?? DEFAULT_LOGNORMAL_CV_PERCENT) / 100 };
}

function buildSpec(
  p: KeyValues<PlatformKeys>,
  environment: Environment,
  identity: StackIdentity,
  services: ServiceSpec[],
  values: ServiceValues[],
  dnsFirewallDomains: string[],
  stepScaling: StepScalingSpec | null,
): ConfiguredSpec {
  const suffix = p.environmentSuffix;
  return {
    project: identity.project,
    stack: identity.stack,
    environment,
    environmentSuffix: suffix,
    region: REGION,
    tags: {
      Project: identity.project,
      Environment: environment,
      EnvironmentSuffix: suffix,
      CostCenter: p.costCenter,
      Owner: p.owner,
      ManagedBy: "pulumi",
    },
    network: {
      vpcCidr: p.vpcCidr,
      availabilityZoneCount: p.availabilityZoneCount,
      natGateways: p.natGateways,
      interfaceEndpointsSetting: p.interfaceEndpoints,
    },
    security: { createServiceLinkedRoles: p.createServiceLinkedRoles, kmsAdminPrincipalArn: p.kmsAdminPrincipalArn },
    compliance: {
      waf: { mode: p.wafMode, rateLimitPerFiveMinutes: p.wafRateLimitPerFiveMinutes },
      albAccessLogs: p.albAccessLogs,
      vpcFlowLogs: p.vpcFlowLogs,
      auditEventsToArchive: p.auditEventsToArchive,
      archive: {
        externalBucketName: p.auditArchiveBucketName,
        retentionDays: p.auditArchiveRetentionDays,
        coldAfterDays: p.auditArchiveColdAfterDays,
      },
      dnsFirewall: { enabled: p.dnsFirewall, allowedDomains: dnsFirewallDomains },
    },
    data: { pointInTimeRecovery: p.tablePointInTimeRecovery },
    referenceService: { emulateWorkload: p.referenceServiceEmulatesWorkload },
    cpuArchitecture: p.cpuArchitecture,
    services: Object.fromEntries(services.map((s) => [s.id, s])),
    loadBalancer: {
      certificateArn: p.certificateArn,
      domainName: p.apiDomainName,
      idleTimeoutSeconds: p.albIdleTimeoutSeconds,
      deregistrationDelaySeconds: p.deregistrationDelaySeconds,
      healthCheckIntervalSeconds: p.healthCheckIntervalSeconds,
      healthCheckTimeoutSeconds: p.healthCheckTimeoutSeconds,
      healthyThreshold: p.healthyThreshold,
      unhealthyThreshold: p.unhealthyThreshold,
    },
    scaling: {
      scaleOutCooldownSeconds: p.scaleOutCooldownSeconds,
      scaleInCooldownSeconds: p.scaleInCooldownSeconds,
      highResolutionMetrics: p.highResolutionMetrics,
      stepScaling,
    },
    observability: {
      logRetentionDays: p.logRetentionDays,
      logClass: p.logClass,
      alarmEmail: p.alarmEmail,
      containerInsights: p.containerInsights,
      monthlyBudgetUsd: p.monthlyBudgetUsd,
    },
    workload: {
      peakRps: p.workloadPeakRps,
      nightRps: p.workloadNightRps,
      businessStartHour: p.workloadBusinessStartHour,
      businessEndHour: p.workloadBusinessEndHour,
      rampHours: p.workloadRampHours,
      weekendFactor: p.workloadWeekendPercent / 100,
      cpuMsPerRequest: p.workloadCpuMsPerRequest,
      cpuTimeShape: timeShape(p.workloadCpuTimeShape, p.workloadCpuTimeCvPercent),
      nonCpuLatencyMs: p.workloadNonCpuLatencyMs,
      nonCpuLatencyShape: timeShape(p.workloadNonCpuLatencyShape, p.workloadNonCpuLatencyCvPercent),
      requestKb: p.workloadRequestKb,
      responseKb: p.workloadResponseKb,
      logKbPerRequest: p.workloadLogKbPerRequest,
      newConnectionFraction: p.workloadNewConnectionPercent / 100,
      imageMb: p.workloadImageMb,
      paymentCreateFraction: p.workloadPaymentCreatePercent / 100,
    },
    cost: {
      minSavingsPercent: p.minSavingsPercent,
      spotDiscount: p.spotDiscountPercent / 100,
      baseline: {
        services: Object.fromEntries(
          values.map(({ entry, v }) => [entry.id, { tasks: v.baselineTasks, cpu: v.baselineCpu, memory: v.baselineMemory }]),
        ),
        architecture: p.baselineArchitecture,
        availabilityZoneCount: p.baselineAvailabilityZoneCount,
        natGateways: p.baselineNatGateways,
        logRetentionDays: p.baselineLogRetentionDays,
        logClass: p.baselineLogClass,
        containerInsights: p.baselineContainerInsights,
      },
    },
    slo: {
      targetP99Ms: p.targetP99Ms,
      taskLaunchSeconds: p.taskLaunchSeconds ?? fargateTaskLaunchSeconds(p.workloadImageMb),
    },
  };
}
