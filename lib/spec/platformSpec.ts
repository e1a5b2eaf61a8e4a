/**
 * The resolved platform specification: the one plain object that the config layer (lib/config/)
 * produces from Pulumi config and that every component, the cost model and the SLO model read. No
 * number is written twice: a component that needs a value takes it from here.
 */
import type { CpuArchitecture } from "../aws/fargateSizes";
import type { ServiceSpec } from "./services";

export type { CpuArchitecture } from "../aws/fargateSizes";
export type Environment = "dev" | "staging" | "prod";
export type NatStrategy = "single" | "perAz";
/** `auto` lets the cost model choose whichever of NAT-only and interface endpoints is cheaper. */
export type InterfaceEndpointsSetting = "on" | "off" | "auto";
export type PredictiveScalingMode = "off" | "forecastOnly" | "forecastAndScale";
export type LogClass = "STANDARD" | "INFREQUENT_ACCESS";
/** CloudWatch Container Insights on the ECS cluster: off, standard, or with enhanced (per-task) observability. */
export type ContainerInsightsMode = "disabled" | "enabled" | "enhanced";

/** Cost-allocation tags applied to every taggable resource through the provider's defaultTags. */
export interface CostAllocationTags {
  Project: string;
  Environment: Environment;
  EnvironmentSuffix: string;
  CostCenter: string;
  Owner: string;
  ManagedBy: "pulumi";
}

export interface NetworkSpec {
  vpcCidr: string;
  /** 2 or 3 Availability Zones. */
  availabilityZoneCount: number;
  natGateways: NatStrategy;
  /** What the user asked for. */
  interfaceEndpointsSetting: InterfaceEndpointsSetting;
  /** What will be deployed (`auto` settled by the cost model: lib/models/cost/endpointChoice.ts). */
  interfaceEndpoints: boolean;
}

export interface LoadBalancerSpec {
  /** Certificate for the HTTPS listener; absent outside prod means a generated self-signed one. */
  certificateArn?: string;
  /** The API's public DNS name (certificateArn covers it); verify and preflight use it, no resource does. */
  domainName?: string;
  idleTimeoutSeconds: number;
  deregistrationDelaySeconds: number;
  healthCheckIntervalSeconds: number;
  healthCheckTimeoutSeconds: number;
  healthyThreshold: number;
  unhealthyThreshold: number;
}

/** Autoscaling settings every service shares; the web service's own ones are on its ServiceSpec. */
export interface ScalingSpec {
  scaleOutCooldownSeconds: number;
  scaleInCooldownSeconds: number;
  /** 20-second ECS service metrics for target tracking instead of 60-second ones. */
  highResolutionMetrics: boolean;
  /** The web service's optional step-scaling policy on its CPU metric, beside target tracking; null: none. */
  stepScaling: StepScalingSpec | null;
}

/** One step: from this CPU utilization (percent, absolute) up, the desired count grows by this percent. */
export interface ScalingStep {
  fromCpuPercent: number;
  addPercent: number;
}

/**
 * A scale-out-only step-scaling policy on the web service's CPU metric (20-s with
 * highResolutionMetrics, else 60-s): its alarm fires when `evaluationPeriods` consecutive datapoints
 * are at or above the first step's fromCpuPercent; each step adds a percent of the current desired
 * count (PercentChangeInCapacity, at least one task), within the service's maximum; the scale-out
 * cooldown applies. Scale-in stays with target tracking.
 */
export interface StepScalingSpec {
  evaluationPeriods: number;
  /** Ascending fromCpuPercent; at least one. */
  steps: readonly ScalingStep[];
}

export interface ObservabilitySpec {
  /** CloudWatch retention in days; 0 means never expire (CloudWatch's own meaning; only the cost baseline uses it). */
  logRetentionDays: number;
  logClass: LogClass;
  alarmEmail?: string;
  containerInsights: ContainerInsightsMode;
  /** Monthly AWS Budgets limit in USD for the stack's cost-allocation tag. */
  monthlyBudgetUsd?: number;
}

export interface SecuritySpec {
  /**
   * Create the ECS, ELB and Application Auto Scaling service-linked roles (once per account, for an
   * account that has never run ECS; default false). Created before the cluster and the ALB, kept on destroy.
   */
  createServiceLinkedRoles: boolean;
  /**
   * An IAM principal that administers the stack's KMS key beside the account root (kmsAdminPrincipalArn;
   * lib/infra/keyPolicy.ts); undefined: the account root alone. No administrator may use the key.
   */
  kmsAdminPrincipalArn?: string;
}

/** The WAF web ACL on the ALB: off, rules that only count what they would block, or rules that block. */
export type WafMode = "off" | "count" | "block";

/** Where the audit trail (access logs, flow logs, audit events, WAF logs) is kept for 12 months. */
export interface AuditArchiveSpec {
  /** A log-archive account's bucket (auditArchiveBucketName); undefined: the stack creates its own. */
  externalBucketName?: string;
  /** Days before an object expires (the stack's own bucket only; at least 366). */
  retentionDays: number;
  /** Days in S3 Standard before Glacier Instant Retrieval (the stack's own bucket only). */
  coldAfterDays: number;
}

/**
 * The payment-grade controls beyond the platform itself (docs/compliance.md). The baseline has none of
 * them, so the cost model prices them in their own section, outside the like-for-like savings.
 */
export interface ComplianceSpec {
  waf: { mode: WafMode; rateLimitPerFiveMinutes: number };
  albAccessLogs: boolean;
  vpcFlowLogs: boolean;
  /** Audit events and WAF logs from CloudWatch Logs to the archive (subscription filters, Firehose). */
  auditEventsToArchive: boolean;
  archive: AuditArchiveSpec;
  /** Partner domains beyond the always-allowed AWS API names and the service-discovery namespace. */
  dnsFirewall: { enabled: boolean; allowedDomains: readonly string[] };
}

/** How the reference payment service (app/) runs when a service has no image of its own. */
export interface ReferenceServiceSpec {
  /** Burn the workload's CPU and wait its non-CPU latency per payment request (WORK_MS, DOWNSTREAM_MS with the shape as DOWNSTREAM_SHAPE, DOWNSTREAM_CV_PERCENT). */
  emulateWorkload: boolean;
}

/** The payments table the reference service writes (lib/infra/paymentsTable.ts). */
export interface DataSpec {
  /** Continuous backups with point-in-time restore (35 days). */
  pointInTimeRecovery: boolean;
}

/**
 * The traffic the web service serves. The cost model and the SLO model read the same profile so the
 * savings and the latency are computed for the same load.
 */
export interface WorkloadProfile {
  /** Weekday business-hours rate (09:00-18:00 US Eastern). */
  peakRps: number;
  /** Night rate. */
  nightRps: number;
  businessStartHour: number;
  businessEndHour: number;
  /** Linear ramp on each side of business hours. */
  rampHours: number;
  /** Weekend rate as a fraction of the weekday curve. */
  weekendFactor: number;
  cpuMsPerRequest: number;
  /** Shape of the CPU time per request around cpuMsPerRequest. */
  cpuTimeShape: TimeShape;
  /** Mean non-CPU part of a request's latency (network, downstream calls): it holds no CPU. */
  nonCpuLatencyMs: number;
  /** Shape of the non-CPU latency around nonCpuLatencyMs. */
  nonCpuLatencyShape: TimeShape;
  requestKb: number;
  responseKb: number;
  logKbPerRequest: number;
  newConnectionFraction: number;
  imageMb: number;
  /** Share of requests that create a payment (the rest read one back); prices the table's writes. */
  paymentCreateFraction: number;
}

/**
 * The shape of one phase of a request's time around its mean (lib/models/slo/serviceTime.ts draws
 * and integrates it): exponential (CV 1), lognormal with a coefficient of variation, or fixed.
 */
export type TimeShape =
  { kind: "exponential" } | { kind: "lognormal"; coefficientOfVariation: number } | { kind: "deterministic" };

/** One service of the baseline: a fixed fleet of always-on on-demand tasks of one size. */
export interface BaselineServiceSpec {
  tasks: number;
  cpu: number;
  memory: number;
}

/**
 * The unoptimized setup the savings are measured against ("deployed for the deadline"), resolved
 * from the baseline* config keys (lib/models/cost/baseline.ts reverts the spec to it).
 */
export interface BaselineSpec {
  /** Per service id, the same ids as PlatformSpec.services. */
  services: Readonly<Record<string, BaselineServiceSpec>>;
  architecture: CpuArchitecture;
  availabilityZoneCount: number;
  natGateways: NatStrategy;
  /** 0 means never expire. */
  logRetentionDays: number;
  logClass: LogClass;
  containerInsights: ContainerInsightsMode;
}

export interface CostSpec {
  minSavingsPercent: number;
  /** Fargate Spot discount off on-demand; AWS publishes no fixed rate, "up to 70%" (https://aws.amazon.com/fargate/pricing/). */
  spotDiscount: number;
  baseline: BaselineSpec;
}

export interface SloSpec {
  targetP99Ms: number;
  /**
   * Seconds from a scale-out decision to a running task (image pull dominates): config
   * taskLaunchSeconds, or derived from workload.imageMb (lib/aws/timings.ts fargateTaskLaunchSeconds).
   */
  taskLaunchSeconds: number;
}

export interface PlatformSpec {
  project: string;
  stack: string;
  environment: Environment;
  environmentSuffix: string;
  region: "us-east-1";
  tags: CostAllocationTags;
  network: NetworkSpec;
  security: SecuritySpec;
  compliance: ComplianceSpec;
  data: DataSpec;
  referenceService: ReferenceServiceSpec;
  cpuArchitecture: CpuArchitecture;
  /**
   * Every ECS service by id, in creation order: exactly one load-balanced web service (the ALB's
   * default route, the one the SLO model times) and any number of background workers.
   */
  services: Readonly<Record<string, ServiceSpec>>;
  loadBalancer: LoadBalancerSpec;
  scaling: ScalingSpec;
  observability: ObservabilitySpec;
  workload: WorkloadProfile;
  cost: CostSpec;
  slo: SloSpec;
}

/**
 * What the config layer resolves: the spec before the one decision that needs the cost model
 * (`interfaceEndpoints: auto`), which lib/models/cost/endpointChoice.ts settles.
 */
export type ConfiguredSpec = Omit<PlatformSpec, "network"> & { network: Omit<NetworkSpec, "interfaceEndpoints"> };
