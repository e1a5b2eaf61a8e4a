/**
 * The config schema: every key the stack reads, its type, description, per-environment default and
 * rule. Pulumi.yaml declares the same keys (a unit test keeps the two equal) and the README's key
 * table is generated from this list, so a key is described in exactly one place.
 */
import { FARGATE_MAX_STOP_TIMEOUT_SECONDS } from "./compute/containerDefinitions";
import { Environment } from "./spec";

export type KeyType = "string" | "integer" | "boolean";
export type Value = string | number | boolean;

export interface KeyDefinition {
  key: string;
  type: KeyType;
  description: string;
  /** One value, one per environment, or undefined for "required" / "optional, no default". */
  defaults?: Value | Record<Environment, Value>;
  required?: boolean;
  /** Allowed values: an enumeration of strings, or the only integers accepted within min..max. */
  allowed?: readonly string[];
  /** Inclusive integer range. */
  min?: number;
  max?: number;
  /** A good value, quoted in error messages. */
  example: string;
}

export const ENVIRONMENTS: readonly Environment[] = ["dev", "staging", "prod"];

/** Defaults that differ per environment; written once here, read by config.ts and the README. */
const perEnv = <T extends Value>(dev: T, staging: T, prod: T): Record<Environment, T> => ({ dev, staging, prod });

export const CONFIG_KEYS: readonly KeyDefinition[] = [
  // --- identity and tags
  {
    key: "environmentSuffix",
    type: "string",
    required: true,
    example: "dev",
    description:
      "Suffix of every resource name (lowercase letters, digits, hyphens; length limited by the 32-character ALB name).",
  },
  {
    key: "environment",
    type: "string",
    defaults: "dev",
    allowed: ENVIRONMENTS,
    example: "prod",
    description: "Environment class; selects the per-environment defaults of the other keys.",
  },
  {
    key: "costCenter",
    type: "string",
    defaults: "payments",
    example: "payments",
    description: "CostCenter cost-allocation tag.",
  },
  {
    key: "owner",
    type: "string",
    defaults: "platform-team",
    example: "platform-team",
    description: "Owner cost-allocation tag.",
  },
  // --- network
  {
    key: "vpcCidr",
    type: "string",
    defaults: "10.0.0.0/16",
    example: "10.0.0.0/16",
    description: "VPC IPv4 range, /16 to /24; cut into 8 equal blocks for public and private subnets.",
  },
  {
    key: "availabilityZoneCount",
    type: "integer",
    defaults: perEnv(2, 2, 3),
    min: 2,
    max: 3,
    example: "3",
    description: "Availability Zones the VPC and services span (2 or 3).",
  },
  {
    key: "natGateways",
    type: "string",
    defaults: perEnv("single", "single", "perAz"),
    allowed: ["single", "perAz"],
    example: "perAz",
    description: "One shared NAT gateway, or one per AZ (no cross-AZ dependency).",
  },
  {
    key: "interfaceEndpoints",
    type: "string",
    defaults: "auto",
    allowed: ["on", "off", "auto"],
    example: "auto",
    description:
      "Interface endpoints for ECR api, ECR dkr and CloudWatch Logs: on, off, or auto (the cost model deploys them only when they cost less than sending that traffic through NAT).",
  },
  {
    key: "createServiceLinkedRoles",
    type: "boolean",
    defaults: false,
    example: "false",
    description:
      "Create the ECS and ELB service-linked roles; they exist once per account, so only the first stack in a fresh account sets this.",
  },
  // --- containers
  {
    key: "cpuArchitecture",
    type: "string",
    defaults: "ARM64",
    allowed: ["ARM64", "X86_64"],
    example: "ARM64",
    description: "Task CPU architecture; ARM64 (Graviton) is 20% cheaper per vCPU-hour. The image must be built for it.",
  },
  {
    key: "containerImage",
    type: "string",
    example: "123456789012.dkr.ecr.us-east-1.amazonaws.com/payment-api:1.4.2",
    description: "API image; unset deploys a small placeholder (Caddy answering 200 on every path).",
  },
  {
    key: "workerImage",
    type: "string",
    example: "123456789012.dkr.ecr.us-east-1.amazonaws.com/payment-worker:1.4.2",
    description: "Background worker image; unset deploys a placeholder (busybox idling).",
  },
  // Ports below 1024 need root, and the containers run as a non-root user (containerDefinitions.ts).
  {
    key: "containerPort",
    type: "integer",
    defaults: 8080,
    min: 1024,
    max: 65535,
    example: "8080",
    description: "Port the API container listens on (1024-65535: the container runs as a non-root user).",
  },
  {
    key: "healthCheckPath",
    type: "string",
    defaults: "/health",
    example: "/health",
    description: "HTTP path of the target-group and container health checks.",
  },
  {
    key: "apiInternalCallers",
    type: "string",
    defaults: "",
    example: "worker,sg-0123456789abcdef0",
    description:
      "Who may call the API directly through Cloud Map (api.payment-<suffix>.internal) on the container port, besides the ALB: comma-separated `worker` and/or security group IDs in this VPC's private subnets. Empty: the ALB only.",
  },
  {
    key: "apiSecrets",
    type: "string",
    defaults: "",
    example: "DB_PASSWORD=arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf",
    description:
      "Comma-separated NAME=ARN pairs injected as secrets (Secrets Manager or SSM), never as plain environment variables.",
  },
  {
    key: "workerSecrets",
    type: "string",
    defaults: "",
    example: "DB_PASSWORD=arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf",
    description: "Comma-separated NAME=ARN pairs for the worker.",
  },
  // --- API service sizing and capacity
  {
    key: "apiCpu",
    type: "integer",
    defaults: perEnv(1024, 1024, 512),
    example: "512",
    description: "API task CPU units (1024 = 1 vCPU); a valid Fargate size with apiMemory.",
  },
  {
    key: "apiMemory",
    type: "integer",
    defaults: perEnv(2048, 2048, 1024),
    example: "1024",
    description: "API task memory (MiB); must be valid for apiCpu.",
  },
  {
    key: "apiMinTasks",
    type: "integer",
    defaults: perEnv(10, 10, 19),
    min: 0,
    max: 1000,
    example: "3",
    description: "Autoscaling minimum of the API service.",
  },
  {
    key: "apiMaxTasks",
    type: "integer",
    defaults: perEnv(19, 12, 24),
    min: 1,
    max: 1000,
    example: "24",
    description: "Autoscaling maximum of the API service.",
  },
  {
    key: "apiDesiredTasks",
    type: "integer",
    defaults: perEnv(10, 10, 19),
    min: 0,
    max: 1000,
    example: "3",
    description: "Initial desired count of the API service (autoscaling owns it afterwards).",
  },
  // Capacity provider strategy: base 0-100000, weight 0-1000
  // (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CapacityProviderStrategyItem.html).
  {
    key: "onDemandBase",
    type: "integer",
    defaults: perEnv(0, 0, 6),
    min: 0,
    max: 100000,
    example: "3",
    description: "API tasks always placed on on-demand FARGATE (the latency floor Spot cannot take away).",
  },
  {
    key: "onDemandWeight",
    type: "integer",
    defaults: perEnv(1, 1, 0),
    min: 0,
    max: 1000,
    example: "1",
    description: "FARGATE weight for API tasks above the base.",
  },
  {
    key: "spotWeight",
    type: "integer",
    defaults: perEnv(3, 3, 1),
    min: 0,
    max: 1000,
    example: "3",
    description: "FARGATE_SPOT weight for API tasks above the base.",
  },
  {
    key: "apiCpuTargetPercent",
    type: "integer",
    defaults: perEnv(75, 75, 80),
    min: 10,
    max: 90,
    example: "60",
    description: "Target-tracking CPU utilization of the API (percent).",
  },
  {
    key: "apiProcessesPerTask",
    type: "integer",
    defaults: 1,
    min: 1,
    max: 64,
    example: "1",
    description: "Application processes per API task (a single-threaded runtime uses at most one vCPU per process).",
  },
  // Must exceed the ALB idle timeout, whose maximum is 4000 s (see albIdleTimeoutSeconds).
  {
    key: "appKeepAliveTimeoutSeconds",
    type: "integer",
    defaults: 75,
    min: 2,
    max: 4001,
    example: "75",
    description:
      "HTTP keep-alive of the application server (passed as KEEP_ALIVE_TIMEOUT_SECONDS); must exceed albIdleTimeoutSeconds or the ALB gets 502s.",
  },
  {
    key: "apiStopTimeoutSeconds",
    type: "integer",
    defaults: FARGATE_MAX_STOP_TIMEOUT_SECONDS,
    min: 2,
    max: FARGATE_MAX_STOP_TIMEOUT_SECONDS,
    example: "120",
    description: "SIGTERM-to-SIGKILL window of the API container (Spot warns 120 s ahead; Fargate max 120).",
  },
  // ECS accepts up to 2,147,483,647 s (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html).
  {
    key: "healthCheckGracePeriodSeconds",
    type: "integer",
    defaults: 30,
    min: 0,
    max: 2147483647,
    example: "30",
    description: "Seconds ECS ignores failing ALB health checks of a new task.",
  },
  // --- worker
  { key: "workerCpu", type: "integer", defaults: perEnv(256, 256, 512), example: "512", description: "Worker task CPU units." },
  {
    key: "workerMemory",
    type: "integer",
    defaults: perEnv(512, 512, 1024),
    example: "1024",
    description: "Worker task memory (MiB); must be valid for workerCpu.",
  },
  {
    key: "workerMinTasks",
    type: "integer",
    defaults: 1,
    min: 0,
    max: 1000,
    example: "1",
    description:
      "Autoscaling minimum of the worker. 0 is allowed but parks the worker: CPU target tracking cannot scale out from zero tasks (no CPU datapoints), so a queue-depth policy or a manual desired count must start it.",
  },
  {
    key: "workerMaxTasks",
    type: "integer",
    defaults: perEnv(2, 2, 4),
    min: 1,
    max: 1000,
    example: "4",
    description: "Autoscaling maximum of the worker.",
  },
  {
    key: "workerCpuTargetPercent",
    type: "integer",
    defaults: 70,
    min: 10,
    max: 90,
    example: "70",
    description: "Target-tracking CPU utilization of the worker (percent).",
  },
  // --- load balancer
  {
    key: "certificateArn",
    type: "string",
    example: "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666",
    description: "ACM certificate of the HTTPS listener; required in prod, elsewhere a self-signed one is generated.",
  },
  // ALB idle timeout 1-4000 s (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#connection-idle-timeout).
  {
    key: "albIdleTimeoutSeconds",
    type: "integer",
    defaults: 60,
    min: 1,
    max: 4000,
    example: "60",
    description: "ALB idle timeout; below appKeepAliveTimeoutSeconds.",
  },
  // AWS allows 0-3600 s; this platform caps draining at 60 s
  // (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-target-groups.html#deregistration-delay).
  {
    key: "deregistrationDelaySeconds",
    type: "integer",
    defaults: 30,
    min: 0,
    max: 60,
    example: "30",
    description: "Connection draining on deregistration (<= 60 and below apiStopTimeoutSeconds).",
  },
  // Target group health checks: interval 5-300 s, timeout 2-120 s, thresholds 2-10
  // (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html); the
  // platform narrows interval and healthy threshold so a new task takes traffic within ~30 s.
  {
    key: "healthCheckIntervalSeconds",
    type: "integer",
    defaults: 10,
    min: 5,
    max: 15,
    example: "10",
    description: "Target-group health-check interval (5-15 s here; AWS allows up to 300).",
  },
  {
    key: "healthCheckTimeoutSeconds",
    type: "integer",
    defaults: 5,
    min: 2,
    max: 14,
    example: "5",
    description: "Target-group health-check timeout; below the interval.",
  },
  {
    key: "healthyThreshold",
    type: "integer",
    defaults: 2,
    min: 2,
    max: 3,
    example: "2",
    description: "Consecutive passes before a target takes traffic (2-3 here; AWS allows up to 10).",
  },
  {
    key: "unhealthyThreshold",
    type: "integer",
    defaults: 3,
    min: 2,
    max: 10,
    example: "3",
    description: "Consecutive failures before a target is marked unhealthy.",
  },
  // --- autoscaling
  {
    key: "memoryTargetPercent",
    type: "integer",
    defaults: 75,
    min: 10,
    max: 95,
    example: "75",
    description: "Target-tracking memory utilization of the API (percent).",
  },
  {
    key: "requestsPerTargetPerMinute",
    type: "integer",
    defaults: perEnv(3000, 2400, 2400),
    min: 1,
    max: 1000000,
    example: "2400",
    description: "ALBRequestCountPerTarget target (requests per task per minute).",
  },
  {
    key: "scaleOutCooldownSeconds",
    type: "integer",
    defaults: 30,
    min: 0,
    max: 60,
    example: "30",
    description: "Scale-out cooldown (<= 60 s: fast scale-out).",
  },
  {
    key: "scaleInCooldownSeconds",
    type: "integer",
    defaults: 300,
    min: 300,
    max: 3600,
    example: "300",
    description: "Scale-in cooldown (>= 300 s: slow scale-in).",
  },
  {
    key: "highResolutionMetrics",
    type: "boolean",
    defaults: true,
    example: "true",
    description: "Publish 20-second service CPU/memory metrics and track them (false: the 60-second metrics).",
  },
  {
    key: "scheduledScaling",
    type: "boolean",
    defaults: perEnv(true, true, true),
    example: "false",
    description: "Lower the API minimum to offHoursMinTasks at night and on weekends.",
  },
  {
    key: "offHoursMinTasks",
    type: "integer",
    defaults: perEnv(1, 1, 3),
    min: 0,
    max: 1000,
    example: "1",
    description: "API minimum outside business hours when scheduledScaling is on.",
  },
  {
    key: "predictiveScaling",
    type: "string",
    defaults: "forecastOnly",
    allowed: ["off", "forecastOnly", "forecastAndScale"],
    example: "forecastOnly",
    description: "Predictive scaling policy of the API: off, forecastOnly (observe) or forecastAndScale.",
  },
  // --- observability
  {
    key: "logRetentionDays",
    type: "integer",
    defaults: perEnv(7, 14, 14),
    min: 7,
    max: 14,
    // CloudWatch Logs accepts only listed retention values, 7 and 14 in this range:
    // https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html
    allowed: ["7", "14"],
    example: "14",
    description: "CloudWatch log retention in days: 7 or 14 (the values CloudWatch accepts between 7 and 14).",
  },
  {
    key: "containerInsights",
    type: "string",
    defaults: perEnv("enhanced", "enabled", "enabled"),
    allowed: ["enhanced", "enabled"],
    example: "enhanced",
    description:
      "Container Insights on the cluster: enhanced (task- and container-level metrics) or enabled (service level, fewer custom metrics). The running-tasks alarm needs either.",
  },
  {
    key: "logClass",
    type: "string",
    defaults: perEnv("STANDARD", "STANDARD", "INFREQUENT_ACCESS"),
    allowed: ["STANDARD", "INFREQUENT_ACCESS"],
    example: "STANDARD",
    description: "CloudWatch log class (INFREQUENT_ACCESS halves ingestion cost but has no metric filters or live tail).",
  },
  {
    key: "alarmEmail",
    type: "string",
    example: "oncall@example.com",
    description: "Email subscribed to the alarm topic (confirm the subscription mail).",
  },
  {
    key: "targetP99Ms",
    type: "integer",
    defaults: 200,
    min: 1,
    max: 60000,
    example: "200",
    description: "p99 response-time objective (ms): the latency alarm threshold and the SLO model's bar.",
  },
  {
    key: "monthlyBudgetUsd",
    type: "integer",
    min: 1,
    max: 10000000,
    example: "450",
    description:
      "AWS Budgets monthly limit for the stack's cost-allocation tag (USD). Unset: the cost model's estimate plus 25%, rounded up to 50 USD.",
  },
  // --- workload profile (cost and SLO models)
  {
    key: "workloadPeakRps",
    type: "integer",
    defaults: 250,
    min: 1,
    max: 1000000,
    example: "250",
    description: "Weekday 09:00-18:00 US Eastern request rate.",
  },
  {
    key: "workloadNightRps",
    type: "integer",
    defaults: 25,
    min: 0,
    max: 1000000,
    example: "25",
    description: "Night request rate.",
  },
  {
    key: "workloadBusinessStartHour",
    type: "integer",
    defaults: 9,
    min: 0,
    max: 23,
    example: "9",
    description: "Start of business hours (US Eastern).",
  },
  {
    key: "workloadBusinessEndHour",
    type: "integer",
    defaults: 18,
    min: 1,
    max: 24,
    example: "18",
    description: "End of business hours (US Eastern).",
  },
  {
    key: "workloadRampHours",
    type: "integer",
    defaults: 2,
    min: 0,
    max: 6,
    example: "2",
    description: "Linear ramp on each side of business hours.",
  },
  {
    key: "workloadWeekendPercent",
    type: "integer",
    defaults: 40,
    min: 0,
    max: 100,
    example: "40",
    description: "Weekend traffic as a percentage of the weekday curve.",
  },
  {
    key: "workloadCpuMsPerRequest",
    type: "integer",
    defaults: 10,
    min: 1,
    max: 10000,
    example: "10",
    description: "vCPU milliseconds per request.",
  },
  {
    key: "workloadNonCpuLatencyMs",
    type: "integer",
    defaults: 30,
    min: 0,
    max: 10000,
    example: "30",
    description: "Fixed non-CPU latency per request (network, downstream calls).",
  },
  {
    key: "workloadRequestKb",
    type: "integer",
    defaults: 2,
    min: 0,
    max: 100000,
    example: "2",
    description: "Request size (KB).",
  },
  {
    key: "workloadResponseKb",
    type: "integer",
    defaults: 2,
    min: 0,
    max: 100000,
    example: "2",
    description: "Response size (KB).",
  },
  {
    key: "workloadLogKbPerRequest",
    type: "integer",
    defaults: 1,
    min: 0,
    max: 10000,
    example: "1",
    description: "Application log written per request (KB).",
  },
  {
    key: "workloadNewConnectionPercent",
    type: "integer",
    defaults: 10,
    min: 0,
    max: 100,
    example: "10",
    description: "Requests that open a new connection (percent).",
  },
  {
    key: "workloadImageMb",
    type: "integer",
    defaults: 150,
    min: 1,
    max: 100000,
    example: "150",
    description: "Image size pulled at each task start (MB).",
  },
  {
    key: "workloadWorkerMillicores",
    type: "integer",
    defaults: 100,
    min: 0,
    max: 1000000,
    example: "100",
    description: "Average vCPU demand of the background worker (1000 = 1 vCPU).",
  },
  // --- cost and SLO targets
  {
    key: "minSavingsPercent",
    type: "integer",
    defaults: 40,
    min: 0,
    max: 100,
    example: "40",
    description: "Savings against the baseline the plan requires (exit 3 below it).",
  },
  {
    key: "spotDiscountPercent",
    type: "integer",
    defaults: 65,
    min: 0,
    max: 90,
    example: "65",
    description: "Fargate Spot discount assumed by the cost model (AWS: 'up to 70%', not fixed).",
  },
  {
    key: "taskLaunchSeconds",
    type: "integer",
    defaults: 40,
    min: 1,
    max: 600,
    example: "40",
    description: "Seconds from scale-out decision to a running task (image pull dominates) in the SLO model.",
  },
  // --- cost baseline: the unoptimized setup the savings are measured against (lib/cost/baseline.ts)
  {
    key: "baselineApiTasks",
    type: "integer",
    defaults: 6,
    min: 1,
    max: 1000,
    example: "6",
    description: "Baseline: API tasks running 24/7 on on-demand FARGATE, no autoscaling.",
  },
  {
    key: "baselineApiCpu",
    type: "integer",
    defaults: 1024,
    example: "1024",
    description: "Baseline: API task CPU units; a valid Fargate size with baselineApiMemory.",
  },
  {
    key: "baselineApiMemory",
    type: "integer",
    defaults: 2048,
    example: "2048",
    description: "Baseline: API task memory (MiB); must be valid for baselineApiCpu.",
  },
  {
    key: "baselineWorkerTasks",
    type: "integer",
    defaults: 2,
    min: 0,
    max: 1000,
    example: "2",
    description: "Baseline: worker tasks running 24/7 on on-demand FARGATE, no autoscaling.",
  },
  {
    key: "baselineWorkerCpu",
    type: "integer",
    defaults: 1024,
    example: "1024",
    description: "Baseline: worker task CPU units; a valid Fargate size with baselineWorkerMemory.",
  },
  {
    key: "baselineWorkerMemory",
    type: "integer",
    defaults: 2048,
    example: "2048",
    description: "Baseline: worker task memory (MiB); must be valid for baselineWorkerCpu.",
  },
  {
    key: "baselineArchitecture",
    type: "string",
    defaults: "X86_64",
    allowed: ["ARM64", "X86_64"],
    example: "X86_64",
    description: "Baseline: task CPU architecture.",
  },
  {
    key: "baselineAvailabilityZoneCount",
    type: "integer",
    defaults: 3,
    min: 2,
    max: 3,
    example: "3",
    description: "Baseline: Availability Zones.",
  },
  {
    key: "baselineNatGateways",
    type: "string",
    defaults: "perAz",
    allowed: ["single", "perAz"],
    example: "perAz",
    description: "Baseline: one NAT gateway, or one per AZ.",
  },
  {
    key: "baselineLogRetentionDays",
    type: "integer",
    defaults: 0,
    min: 0,
    max: 3653,
    example: "0",
    description: "Baseline: log retention in days; 0 means never expire, costed at its steady state after 12 months.",
  },
  {
    key: "baselineLogClass",
    type: "string",
    defaults: "STANDARD",
    allowed: ["STANDARD", "INFREQUENT_ACCESS"],
    example: "STANDARD",
    description: "Baseline: CloudWatch log class.",
  },
  {
    key: "baselineContainerInsights",
    type: "string",
    defaults: "enabled",
    allowed: ["disabled", "enabled", "enhanced"],
    example: "enabled",
    description: "Baseline: Container Insights on the cluster (disabled, enabled, or enhanced).",
  },
];

export function keyDefinition(key: string): KeyDefinition {
  const definition = CONFIG_KEYS.find((d) => d.key === key);
  if (!definition) throw new Error(`unknown config key "${key}"`);
  return definition;
}

/** The default of a key for an environment, or undefined when it has none. */
export function defaultFor(definition: KeyDefinition, environment: Environment): Value | undefined {
  const { defaults } = definition;
  if (defaults !== null && typeof defaults === "object") return defaults[environment];
  return defaults;
}

/** True when a key's default is the same in every environment (Pulumi.yaml can declare it). */
export function hasUniformDefault(definition: KeyDefinition): boolean {
  return definition.defaults !== undefined && typeof definition.defaults !== "object";
}
