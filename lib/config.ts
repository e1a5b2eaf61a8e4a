/**
 * Pulumi config -> validated, typed PlatformSpec: the single source of truth. Config is read once
 * (components never create `pulumi.Config`), defaults come from the key table in configKeys.ts,
 * and every rule is checked before any resource is created. All problems are reported together,
 * each naming the key, the value, the rule and an example of a good value.
 */
import * as pulumi from "@pulumi/pulumi";
import { FARGATE_MAX_STOP_TIMEOUT_SECONDS } from "./compute/containerDefinitions";
import { isValidFargateSize, validMemoryFor, FARGATE_CPU_VALUES } from "./compute/fargateSizes";
import { CONFIG_KEYS, KeyDefinition, Value, defaultFor, keyDefinition } from "./configKeys";
import { resolveInterfaceEndpoints } from "./cost/endpointChoice";
import { maxSuffixLength, physicalNameProblems, SUFFIX_PATTERN } from "./naming";
import { MAX_USABLE_VPC_PREFIX, MIN_VPC_PREFIX, parseCidr } from "./network/subnetLayout";
import { ContainerSpec, Environment, InternalCallers, PlatformSpec } from "./spec";

/** The only region the platform deploys to (prices and limits in the models are us-east-1's). */
export const REGION = "us-east-1";

/** A configuration problem; a RunError so the Pulumi CLI prints the message without a stack trace. */
export class ConfigError extends pulumi.RunError {
  constructor(readonly problems: string[]) {
    super(`Invalid stack configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Where raw config values come from: Pulumi config in a real run, a map in the plan and tests. */
export interface ConfigSource {
  /** Raw value of a project key, undefined when unset. */
  get(key: string): string | undefined;
  /** Value of `aws:region`, undefined when unset. */
  awsRegion(): string | undefined;
}

export interface StackIdentity {
  project: string;
  stack: string;
}

/** Placeholders deployed when no image is configured: small, multi-arch, from ECR Public (no Docker Hub limits). */
export const PLACEHOLDER_API_IMAGE = "public.ecr.aws/docker/library/caddy:2-alpine";
export const PLACEHOLDER_WORKER_IMAGE = "public.ecr.aws/docker/library/busybox:1.37";

type Values = Record<string, Value | undefined>;

function problem(key: string, raw: unknown, rule: string, definition: KeyDefinition = keyDefinition(key)): string {
  return `${key} = ${JSON.stringify(raw)}: ${rule}. Example: pulumi config set ${key} ${definition.example}`;
}

/** Parses one raw string by the key's type and checks enumeration and range. */
function parseValue(definition: KeyDefinition, raw: string, problems: string[]): Value | undefined {
  const { key, type, allowed, min, max } = definition;
  if (type === "boolean") {
    if (raw === "true" || raw === "false") return raw === "true";
    problems.push(problem(key, raw, "must be true or false", definition));
    return undefined;
  }
  if (type === "integer") {
    if (!/^-?\d+$/.test(raw.trim())) {
      problems.push(problem(key, raw, "must be a whole number", definition));
      return undefined;
    }
    const value = Number(raw);
    if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
      problems.push(problem(key, raw, `must be between ${min} and ${max}`, definition));
      return undefined;
    }
    if (allowed && !allowed.includes(String(value))) {
      problems.push(problem(key, raw, `must be one of ${allowed.join(", ")}`, definition));
      return undefined;
    }
    return value;
  }
  if (allowed && !allowed.includes(raw)) {
    problems.push(problem(key, raw, `must be one of ${allowed.join(", ")}`, definition));
    return undefined;
  }
  return raw;
}

function readEnvironment(source: ConfigSource, problems: string[]): Environment {
  const definition = keyDefinition("environment");
  const raw = source.get("environment");
  if (raw === undefined) return definition.defaults as Environment;
  return (parseValue(definition, raw, problems) as Environment | undefined) ?? "dev";
}

/** Every key's value: parsed when set, else the environment's default. */
function readValues(source: ConfigSource, environment: Environment, problems: string[]): Values {
  const values: Values = { environment };
  for (const definition of CONFIG_KEYS.filter((d) => d.key !== "environment")) {
    const raw = source.get(definition.key);
    if (raw === undefined || (raw === "" && definition.type !== "string")) {
      if (definition.required) problems.push(problem(definition.key, null, "is required", definition));
      values[definition.key] = defaultFor(definition, environment);
    } else {
      values[definition.key] = parseValue(definition, raw, problems);
    }
  }
  return values;
}

function checkSuffix(suffix: string, problems: string[]): void {
  const max = maxSuffixLength();
  if (!SUFFIX_PATTERN.test(suffix) || suffix.length > max) {
    problems.push(
      problem(
        "environmentSuffix",
        suffix,
        `must be 1-${max} lowercase letters, digits or inner hyphens (the longest physical name, "payment-alb-<suffix>", is limited to 32 characters)`,
      ),
    );
    return;
  }
  problems.push(...physicalNameProblems(suffix));
}

function checkCidr(cidr: string, problems: string[]): void {
  const parsed = parseCidr(cidr);
  if (!parsed) {
    problems.push(problem("vpcCidr", cidr, "must be an IPv4 CIDR with no host bits set"));
  } else if (parsed.prefix < MIN_VPC_PREFIX || parsed.prefix > MAX_USABLE_VPC_PREFIX) {
    problems.push(
      problem(
        "vpcCidr",
        cidr,
        `prefix must be /${MIN_VPC_PREFIX} to /${MAX_USABLE_VPC_PREFIX} so 8 subnets of at least /27 fit (AWS allows /16-/28 for a VPC)`,
      ),
    );
  }
}

function checkTaskSize(cpuKey: string, memoryKey: string, cpu: number, memory: number, problems: string[]): void {
  if (!FARGATE_CPU_VALUES.includes(cpu)) {
    problems.push(problem(cpuKey, cpu, `must be a Fargate CPU size: ${FARGATE_CPU_VALUES.join(", ")}`));
  } else if (!isValidFargateSize(cpu, memory)) {
    problems.push(
      problem(
        memoryKey,
        memory,
        `is not a valid Fargate memory for ${cpuKey}=${cpu}; valid values: ${validMemoryFor(cpu).join(", ")}`,
      ),
    );
  }
}

const ACM_ARN = /^arn:aws:acm:us-east-1:\d{12}:certificate\/[A-Za-z0-9-]+$/;
const SECRET_ARN = /^arn:aws:(secretsmanager:us-east-1:\d{12}:secret:.+|ssm:us-east-1:\d{12}:parameter\/.+)$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

const SECURITY_GROUP_ID = /^sg-[0-9a-f]{8}([0-9a-f]{9})?$/;

/** Parses "worker,sg-..." into the API's internal callers; reports anything else. */
export function parseInternalCallers(raw: string, problems: string[]): InternalCallers {
  const callers: InternalCallers = { worker: false, securityGroupIds: [] };
  for (const token of raw
    .split(",")
    .map((t) => t.trim())
    .filter((t) => t !== "")) {
    if (token === "worker") callers.worker = true;
    else if (SECURITY_GROUP_ID.test(token)) callers.securityGroupIds.push(token);
    else
      problems.push(
        problem("apiInternalCallers", token, "each entry must be `worker` or a security group ID (sg- and 8 or 17 hex digits)"),
      );
  }
  return callers;
}

/** Parses "NAME=arn,NAME2=arn" into a map; reports malformed pairs. */
export function parseSecrets(key: string, raw: string, problems: string[]): Record<string, string> {
  const secrets: Record<string, string> = {};
  for (const pair of raw
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p !== "")) {
    const separator = pair.indexOf("=");
    const name = pair.slice(0, separator);
    const arn = pair.slice(separator + 1);
    if (separator < 1 || !ENV_NAME.test(name) || !SECRET_ARN.test(arn)) {
      problems.push(
        problem(
          key,
          pair,
          "each entry must be NAME=ARN with an environment variable name and a us-east-1 Secrets Manager secret or SSM parameter ARN",
        ),
      );
    } else {
      secrets[name] = arn;
    }
  }
  return secrets;
}

/** Rules that relate two or more keys. */
function checkCrossField(v: Values, environment: Environment, problems: string[]): void {
  const n = (key: string) => v[key] as number;
  const order = (lowKey: string, highKey: string, rule: string) => {
    if (n(lowKey) > n(highKey)) problems.push(problem(lowKey, n(lowKey), `${rule} (${highKey} is ${n(highKey)})`));
  };
  order("apiMinTasks", "apiDesiredTasks", "must be <= apiDesiredTasks");
  order("apiDesiredTasks", "apiMaxTasks", "must be <= apiMaxTasks");
  order("apiMinTasks", "apiMaxTasks", "must be <= apiMaxTasks");
  order("workerMinTasks", "workerMaxTasks", "must be <= workerMaxTasks");
  order("onDemandBase", "apiMinTasks", "must be <= apiMinTasks so the base is always running");
  if (v.scheduledScaling === true)
    order("offHoursMinTasks", "apiMinTasks", "must be <= apiMinTasks (it lowers the minimum off hours)");
  if (n("onDemandWeight") === 0 && n("spotWeight") === 0) {
    problems.push(problem("spotWeight", 0, "onDemandWeight and spotWeight must not both be 0 (no capacity above the base)"));
  }
  if (n("albIdleTimeoutSeconds") >= n("appKeepAliveTimeoutSeconds")) {
    problems.push(
      problem(
        "albIdleTimeoutSeconds",
        n("albIdleTimeoutSeconds"),
        `must be below appKeepAliveTimeoutSeconds (${n("appKeepAliveTimeoutSeconds")}), or the app closes idle connections the ALB still uses and clients get 502s`,
      ),
    );
  }
  if (n("deregistrationDelaySeconds") >= n("apiStopTimeoutSeconds")) {
    problems.push(
      problem(
        "deregistrationDelaySeconds",
        n("deregistrationDelaySeconds"),
        `must be below apiStopTimeoutSeconds (${n("apiStopTimeoutSeconds")}) so draining ends before the container is killed`,
      ),
    );
  }
  if (n("healthCheckTimeoutSeconds") >= n("healthCheckIntervalSeconds")) {
    problems.push(
      problem(
        "healthCheckTimeoutSeconds",
        n("healthCheckTimeoutSeconds"),
        `must be below healthCheckIntervalSeconds (${n("healthCheckIntervalSeconds")})`,
      ),
    );
  }
  if (n("workloadBusinessStartHour") >= n("workloadBusinessEndHour")) {
    problems.push(
      problem(
        "workloadBusinessStartHour",
        n("workloadBusinessStartHour"),
        `must be before workloadBusinessEndHour (${n("workloadBusinessEndHour")})`,
      ),
    );
  }
  if (environment === "prod") {
    if (v.certificateArn === undefined) {
      problems.push(
        problem("certificateArn", null, "is required in prod (a self-signed certificate is only for dev and staging)"),
      );
    }
    if (n("onDemandBase") < n("availabilityZoneCount")) {
      problems.push(
        problem(
          "onDemandBase",
          n("onDemandBase"),
          `must be at least availabilityZoneCount (${n("availabilityZoneCount")}) in prod: one on-demand task per AZ survives a Spot reclaim`,
        ),
      );
    }
  }
}

function checkFormats(v: Values, problems: string[]): void {
  const certificateArn = v.certificateArn as string | undefined;
  if (certificateArn !== undefined && !ACM_ARN.test(certificateArn)) {
    problems.push(problem("certificateArn", certificateArn, "must be an ACM certificate ARN in us-east-1"));
  }
  const alarmEmail = v.alarmEmail as string | undefined;
  if (alarmEmail !== undefined && !EMAIL.test(alarmEmail)) {
    problems.push(problem("alarmEmail", alarmEmail, "must be an email address"));
  }
  if (!(v.healthCheckPath as string).startsWith("/")) {
    problems.push(problem("healthCheckPath", v.healthCheckPath, "must start with /"));
  }
}

function apiContainer(image: string | undefined, port: number, healthCheckPath: string): ContainerSpec {
  const healthCheckCommand = `wget -q -O /dev/null http://127.0.0.1:${port}${healthCheckPath} || exit 1`;
  if (image !== undefined) return { image, command: [], healthCheckCommand };
  return {
    image: PLACEHOLDER_API_IMAGE,
    command: ["caddy", "respond", "--listen", `:${port}`, "--body", "ok"],
    healthCheckCommand,
  };
}

function workerContainer(image: string | undefined): ContainerSpec {
  // PID 1 alive is all a queue consumer can promise without an HTTP port.
  const healthCheckCommand = "kill -0 1 || exit 1";
  if (image !== undefined) return { image, command: [], healthCheckCommand };
  return {
    image: PLACEHOLDER_WORKER_IMAGE,
    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 5; done"],
    healthCheckCommand,
  };
}

/** Pure: raw config -> PlatformSpec, or a ConfigError listing every problem. */
export function resolveSpec(source: ConfigSource, identity: StackIdentity): PlatformSpec {
  const problems: string[] = [];
  const region = source.awsRegion();
  if (region !== undefined && region !== REGION) {
    problems.push(
      `aws:region = "${region}": the platform deploys to us-east-1 only (its prices and limits are us-east-1's). Example: pulumi config set aws:region us-east-1`,
    );
  }
  const environment = readEnvironment(source, problems);
  const v = readValues(source, environment, problems);
  if (problems.length === 0) {
    checkSuffix(v.environmentSuffix as string, problems);
    checkCidr(v.vpcCidr as string, problems);
    checkTaskSize("apiCpu", "apiMemory", v.apiCpu as number, v.apiMemory as number, problems);
    checkTaskSize("workerCpu", "workerMemory", v.workerCpu as number, v.workerMemory as number, problems);
    checkTaskSize("baselineApiCpu", "baselineApiMemory", v.baselineApiCpu as number, v.baselineApiMemory as number, problems);
    checkTaskSize(
      "baselineWorkerCpu",
      "baselineWorkerMemory",
      v.baselineWorkerCpu as number,
      v.baselineWorkerMemory as number,
      problems,
    );
    checkCrossField(v, environment, problems);
    checkFormats(v, problems);
  }
  const apiSecrets = parseSecrets("apiSecrets", v.apiSecrets as string, problems);
  const workerSecrets = parseSecrets("workerSecrets", v.workerSecrets as string, problems);
  const internalCallers = parseInternalCallers(v.apiInternalCallers as string, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  // `interfaceEndpoints: auto` is settled by comparing the two egress paths' cost for this spec.
  return resolveInterfaceEndpoints(buildSpec(v, environment, identity, { apiSecrets, workerSecrets, internalCallers }));
}

function buildSpec(
  v: Values,
  environment: Environment,
  identity: StackIdentity,
  parsed: { apiSecrets: Record<string, string>; workerSecrets: Record<string, string>; internalCallers: InternalCallers },
): PlatformSpec {
  const { apiSecrets, workerSecrets, internalCallers } = parsed;
  const n = (key: string) => v[key] as number;
  const s = (key: string) => v[key] as string;
  const suffix = s("environmentSuffix");
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
      CostCenter: s("costCenter"),
      Owner: s("owner"),
      ManagedBy: "pulumi",
    },
    network: {
      vpcCidr: s("vpcCidr"),
      availabilityZoneCount: n("availabilityZoneCount"),
      natGateways: s("natGateways") as PlatformSpec["network"]["natGateways"],
      interfaceEndpointsSetting: s("interfaceEndpoints") as PlatformSpec["network"]["interfaceEndpointsSetting"],
      interfaceEndpoints: s("interfaceEndpoints") === "on",
    },
    security: { createServiceLinkedRoles: v.createServiceLinkedRoles as boolean },
    cpuArchitecture: s("cpuArchitecture") as PlatformSpec["cpuArchitecture"],
    api: {
      cpu: n("apiCpu"),
      memory: n("apiMemory"),
      minTasks: n("apiMinTasks"),
      maxTasks: n("apiMaxTasks"),
      desiredTasks: n("apiDesiredTasks"),
      onDemandBase: n("onDemandBase"),
      onDemandWeight: n("onDemandWeight"),
      spotWeight: n("spotWeight"),
      cpuTargetPercent: n("apiCpuTargetPercent"),
      internalCallers,
      container: apiContainer(v.containerImage as string | undefined, n("containerPort"), s("healthCheckPath")),
      containerPort: n("containerPort"),
      healthCheckPath: s("healthCheckPath"),
      processesPerTask: n("apiProcessesPerTask"),
      keepAliveTimeoutSeconds: n("appKeepAliveTimeoutSeconds"),
      stopTimeoutSeconds: n("apiStopTimeoutSeconds"),
      healthCheckGracePeriodSeconds: n("healthCheckGracePeriodSeconds"),
      secrets: apiSecrets,
    },
    worker: {
      cpu: n("workerCpu"),
      memory: n("workerMemory"),
      minTasks: n("workerMinTasks"),
      maxTasks: n("workerMaxTasks"),
      desiredTasks: n("workerMinTasks"),
      // The worker tolerates interruption: all of it on Spot.
      onDemandBase: 0,
      onDemandWeight: 0,
      spotWeight: 1,
      cpuTargetPercent: n("workerCpuTargetPercent"),
      container: workerContainer(v.workerImage as string | undefined),
      // Spot's 2-minute warning: use all of it to finish the current batch item.
      stopTimeoutSeconds: FARGATE_MAX_STOP_TIMEOUT_SECONDS,
      secrets: workerSecrets,
    },
    loadBalancer: {
      certificateArn: v.certificateArn as string | undefined,
      idleTimeoutSeconds: n("albIdleTimeoutSeconds"),
      deregistrationDelaySeconds: n("deregistrationDelaySeconds"),
      healthCheckIntervalSeconds: n("healthCheckIntervalSeconds"),
      healthCheckTimeoutSeconds: n("healthCheckTimeoutSeconds"),
      healthyThreshold: n("healthyThreshold"),
      unhealthyThreshold: n("unhealthyThreshold"),
    },
    scaling: {
      memoryTargetPercent: n("memoryTargetPercent"),
      requestsPerTargetPerMinute: n("requestsPerTargetPerMinute"),
      scaleOutCooldownSeconds: n("scaleOutCooldownSeconds"),
      scaleInCooldownSeconds: n("scaleInCooldownSeconds"),
      highResolutionMetrics: v.highResolutionMetrics as boolean,
      scheduledScaling: v.scheduledScaling as boolean,
      offHoursMinTasks: n("offHoursMinTasks"),
      predictiveScaling: s("predictiveScaling") as PlatformSpec["scaling"]["predictiveScaling"],
    },
    observability: {
      logRetentionDays: n("logRetentionDays"),
      logClass: s("logClass") as PlatformSpec["observability"]["logClass"],
      alarmEmail: v.alarmEmail as string | undefined,
      containerInsights: s("containerInsights") as PlatformSpec["observability"]["containerInsights"],
      monthlyBudgetUsd: v.monthlyBudgetUsd as number | undefined,
    },
    workload: {
      peakRps: n("workloadPeakRps"),
      nightRps: n("workloadNightRps"),
      businessStartHour: n("workloadBusinessStartHour"),
      businessEndHour: n("workloadBusinessEndHour"),
      rampHours: n("workloadRampHours"),
      weekendFactor: n("workloadWeekendPercent") / 100,
      cpuMsPerRequest: n("workloadCpuMsPerRequest"),
      nonCpuLatencyMs: n("workloadNonCpuLatencyMs"),
      requestKb: n("workloadRequestKb"),
      responseKb: n("workloadResponseKb"),
      logKbPerRequest: n("workloadLogKbPerRequest"),
      newConnectionFraction: n("workloadNewConnectionPercent") / 100,
      imageMb: n("workloadImageMb"),
      workerVcpuDemand: n("workloadWorkerMillicores") / 1000,
    },
    cost: {
      minSavingsPercent: n("minSavingsPercent"),
      spotDiscount: n("spotDiscountPercent") / 100,
      baseline: {
        apiTasks: n("baselineApiTasks"),
        apiCpu: n("baselineApiCpu"),
        apiMemory: n("baselineApiMemory"),
        workerTasks: n("baselineWorkerTasks"),
        workerCpu: n("baselineWorkerCpu"),
        workerMemory: n("baselineWorkerMemory"),
        architecture: s("baselineArchitecture") as PlatformSpec["cpuArchitecture"],
        availabilityZoneCount: n("baselineAvailabilityZoneCount"),
        natGateways: s("baselineNatGateways") as PlatformSpec["network"]["natGateways"],
        logRetentionDays: n("baselineLogRetentionDays"),
        logClass: s("baselineLogClass") as PlatformSpec["observability"]["logClass"],
        containerInsights: s("baselineContainerInsights") as PlatformSpec["observability"]["containerInsights"],
      },
    },
    slo: {
      targetP99Ms: n("targetP99Ms"),
      taskLaunchSeconds: n("taskLaunchSeconds"),
    },
  };
}

/** A ConfigSource over Pulumi config: the one place the program reads it. */
export function pulumiConfigSource(): ConfigSource {
  const project = new pulumi.Config();
  const aws = new pulumi.Config("aws");
  return { get: (key) => project.get(key), awsRegion: () => aws.get("region") };
}

/** Reads and validates the stack's config once. */
export function loadSpec(source: ConfigSource = pulumiConfigSource()): PlatformSpec {
  return resolveSpec(source, { project: pulumi.getProject(), stack: pulumi.getStack() });
}
