/**
 * The resolved platform specification: the one plain object that `lib/config.ts` produces from
 * Pulumi config and that every component, the cost model and the SLO model read. No number is
 * written twice: a component that needs a value takes it from here.
 */

export type Environment = "dev" | "staging" | "prod";
export type CpuArchitecture = "ARM64" | "X86_64";
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
  /** What will be deployed (`auto` resolved by the cost model). */
  interfaceEndpoints: boolean;
}

/** Sizing and capacity of one ECS service. */
export interface ServiceSizing {
  /** Fargate CPU units (1024 = 1 vCPU). */
  cpu: number;
  /** Fargate memory in MiB. */
  memory: number;
  minTasks: number;
  maxTasks: number;
  desiredTasks: number;
  /** Tasks always placed on on-demand FARGATE before weights apply. */
  onDemandBase: number;
  onDemandWeight: number;
  spotWeight: number;
  /** Target CPU utilization (percent) for target tracking. */
  cpuTargetPercent: number;
}

/** The container a service runs: image and, for the built-in placeholder images, their command. */
export interface ContainerSpec {
  image: string;
  /** Empty means the image's own CMD. */
  command: string[];
  /** Container health check (CMD-SHELL form); the image must contain a shell. */
  healthCheckCommand: string;
}

/** Callers allowed to reach the API's tasks directly (Cloud Map), besides the ALB. */
export interface InternalCallers {
  worker: boolean;
  securityGroupIds: string[];
}

export interface ApiSpec extends ServiceSizing {
  internalCallers: InternalCallers;
  container: ContainerSpec;
  containerPort: number;
  healthCheckPath: string;
  /** Application worker processes per task (a single-threaded runtime uses at most 1 vCPU each). */
  processesPerTask: number;
  /** HTTP keep-alive of the application server; must exceed the ALB idle timeout. */
  keepAliveTimeoutSeconds: number;
  /** SIGTERM-to-SIGKILL window: drain in-flight requests (Spot warns 120 s ahead). */
  stopTimeoutSeconds: number;
  healthCheckGracePeriodSeconds: number;
  /** Environment variable name -> Secrets Manager / SSM parameter ARN. */
  secrets: Record<string, string>;
}

export interface WorkerSpec extends ServiceSizing {
  container: ContainerSpec;
  stopTimeoutSeconds: number;
  secrets: Record<string, string>;
}

export interface LoadBalancerSpec {
  /** Certificate for the HTTPS listener; absent outside prod means a generated self-signed one. */
  certificateArn?: string;
  idleTimeoutSeconds: number;
  deregistrationDelaySeconds: number;
  healthCheckIntervalSeconds: number;
  healthCheckTimeoutSeconds: number;
  healthyThreshold: number;
  unhealthyThreshold: number;
}

export interface ScalingSpec {
  memoryTargetPercent: number;
  /** ALBRequestCountPerTarget target: requests per target per minute. */
  requestsPerTargetPerMinute: number;
  scaleOutCooldownSeconds: number;
  scaleInCooldownSeconds: number;
  /** 20-second ECS service metrics for target tracking instead of 60-second ones. */
  highResolutionMetrics: boolean;
  /** Lower the API minimum at night and on weekends. */
  scheduledScaling: boolean;
  offHoursMinTasks: number;
  predictiveScaling: PredictiveScalingMode;
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
  /** Create the ECS and ELB service-linked roles (once per account; default false). */
  createServiceLinkedRoles: boolean;
}

/**
 * The traffic the platform serves. The cost model and the SLO model read the same profile so the
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
  /** Fixed non-CPU part of a request's latency (network, downstream calls). */
  nonCpuLatencyMs: number;
  requestKb: number;
  responseKb: number;
  logKbPerRequest: number;
  newConnectionFraction: number;
  imageMb: number;
  /** Average vCPU the background worker needs (settlement, reconciliation). */
  workerVcpuDemand: number;
}

/**
 * The unoptimized setup the savings are measured against ("deployed for the deadline"); each field
 * replaces the cost model's default for it (lib/cost/baseline.ts). Read from the baseline* config keys.
 */
export interface BaselineOverrides {
  apiTasks?: number;
  apiCpu?: number;
  apiMemory?: number;
  workerTasks?: number;
  workerCpu?: number;
  workerMemory?: number;
  architecture?: CpuArchitecture;
  availabilityZoneCount?: number;
  natGateways?: NatStrategy;
  /** 0 means never expire. */
  logRetentionDays?: number;
  logClass?: LogClass;
  containerInsights?: ContainerInsightsMode;
}

export interface CostSpec {
  minSavingsPercent: number;
  /** Fargate Spot discount off on-demand; AWS publishes no fixed rate, "up to 70%" (https://aws.amazon.com/fargate/pricing/). */
  spotDiscount: number;
  /** Overrides of the baseline's defaults; absent means the defaults. */
  baseline?: BaselineOverrides;
}

export interface SloSpec {
  targetP99Ms: number;
  /** Seconds from a scale-out decision to a running task (image pull dominates). */
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
  cpuArchitecture: CpuArchitecture;
  api: ApiSpec;
  worker: WorkerSpec;
  loadBalancer: LoadBalancerSpec;
  scaling: ScalingSpec;
  observability: ObservabilitySpec;
  workload: WorkloadProfile;
  cost: CostSpec;
  slo: SloSpec;
}
