/**
 * ECS services as data. A ServiceSpec is everything the platform builds, prices and times for one
 * service; its role says whether the ALB routes to it (web) or it works in the background (worker).
 * The config layer builds one per entry of its service catalogue (lib/config/services.ts), so a new
 * service is one entry there; the components, the cost model and the plan loop over
 * PlatformSpec.services and never name a service.
 */
import type { ServiceMode } from "../../app/src/contract";
import type { PlatformSpec, PredictiveScalingMode, StepScalingSpec } from "./platformSpec";

export type ServiceRole = "web" | "worker";

/** The most tasks the platform lets one service run (its config keys' bound; ECS itself allows more). */
export const MAX_TASKS_PER_SERVICE = 1000;

/**
 * `stepScalingSteps: auto`: one step this many CPU points above the CPU target adding this percent of
 * the desired count. The spike scenario triples the load (docs/slo-model.md, section 4): one
 * tripling of the fleet is what it needs, and 10 points above the target stays clear of the
 * target-tracking band while a tripled load drives the CPU to 100% within the ramp's first datapoint.
 */
export const AUTO_STEP_SCALING = { marginPercent: 10, addPercent: 200 } as const;

/**
 * A one-step policy `marginPercent` CPU points above a target (at most 100%, where a Fargate
 * service's CPU stops) adding `addPercent` of the desired count: `auto` and the optimizer's choices.
 */
export function stepAboveTarget(
  cpuTargetPercent: number,
  marginPercent: number,
  addPercent: number,
  evaluationPeriods: number,
): StepScalingSpec {
  return { evaluationPeriods, steps: [{ fromCpuPercent: Math.min(100, cpuTargetPercent + marginPercent), addPercent }] };
}

/** The CPU target-tracking targets the platform accepts (its config keys' bounds; the optimizer searches up to the maximum). */
export const MIN_CPU_TARGET_PERCENT = 10;
export const MAX_CPU_TARGET_PERCENT = 90;

/**
 * The reference payment service (app/): the stack builds its image from app/Dockerfile, pushes it to
 * the stack's ECR repository and runs it in the mode of the service's role (serviceMode).
 */
export interface ReferenceContainer {
  source: "reference";
}

/** A team's own image (the service's image key); its health check runs in a shell the image must contain. */
export interface ConfiguredContainer {
  source: "configured";
  image: string;
  /** Container health check, CMD-SHELL form. */
  healthCheckCommand: string;
}

/** The container a service runs. */
export type ContainerSpec = ReferenceContainer | ConfiguredContainer;

/** Task size, counts and capacity-provider strategy: what every service has. */
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

interface ServiceSpecBase extends ServiceSizing {
  /** Key in PlatformSpec.services and prefix of the service's logical names ("api-scalable-target"). */
  id: string;
  role: ServiceRole;
  /** Base of the service's physical names: ECS service, task family, task role, log group, security group, alarms. */
  name: string;
  /** How people call it in descriptions and dashboards ("API", "worker"). */
  label: string;
  container: ContainerSpec;
  /** SIGTERM-to-SIGKILL window (Spot warns 120 s ahead). */
  stopTimeoutSeconds: number;
  /** Environment variable name -> Secrets Manager / SSM parameter ARN. */
  secrets: Record<string, string>;
}

/** Who may reach the web service's tasks directly (Cloud Map), besides the ALB. */
export interface InternalCallers {
  /** Ids of worker services in this stack. */
  serviceIds: string[];
  securityGroupIds: string[];
}

/** The load-balanced service: the ALB forwards to it, and the SLO model times it. */
export interface WebServiceSpec extends ServiceSpecBase {
  role: "web";
  containerPort: number;
  healthCheckPath: string;
  /** Application worker processes per task (a single-threaded runtime uses at most 1 vCPU each). */
  processesPerTask: number;
  /** HTTP keep-alive of the application server; must exceed the ALB idle timeout. */
  keepAliveTimeoutSeconds: number;
  healthCheckGracePeriodSeconds: number;
  internalCallers: InternalCallers;
  memoryTargetPercent: number;
  /** ALBRequestCountPerTarget target: requests per target per minute. */
  requestsPerTargetPerMinute: number;
  /** Lower the minimum at night and on weekends. */
  scheduledScaling: boolean;
  offHoursMinTasks: number;
  predictiveScaling: PredictiveScalingMode;
}

/** A background service: no ingress, scaled on CPU for an average demand. */
export interface WorkerServiceSpec extends ServiceSpecBase {
  role: "worker";
  /** Average vCPU the service needs (settlement, reconciliation). */
  vcpuDemand: number;
}

export type ServiceSpec = WebServiceSpec | WorkerServiceSpec;

/**
 * What the service does with the payments table: the web service serves the payments API, a worker
 * settles. The reference container runs in this mode and the task role is granted its actions.
 */
export function serviceMode(service: { role: ServiceRole }): ServiceMode {
  return service.role === "web" ? "api" : "worker";
}

/** True when some service runs the reference image (no image key set): the stack then builds and stores it. */
export function usesReferenceImage(spec: PlatformSpec): boolean {
  return serviceList(spec).some((s) => s.container.source === "reference");
}

/** A label at the start of a sentence: "worker" -> "Worker". */
export function sentenceLabel(service: { label: string }): string {
  return service.label.charAt(0).toUpperCase() + service.label.slice(1);
}

/** Every service, in creation order (the web service first). */
export function serviceList(spec: PlatformSpec): ServiceSpec[] {
  return Object.values(spec.services);
}

/** Specs are never mutated (the updaters below copy), so a spec's web service can be remembered. */
const webServiceOf = new WeakMap<PlatformSpec, WebServiceSpec>();

/**
 * The one load-balanced service (the config layer guarantees there is exactly one). The SLO model
 * asks for it in its inner loops (every hour of every candidate the optimizer tries), hence the memo.
 */
export function webService(spec: PlatformSpec): WebServiceSpec {
  let web = webServiceOf.get(spec);
  if (web === undefined) {
    web = serviceList(spec).find((s): s is WebServiceSpec => s.role === "web")!;
    webServiceOf.set(spec, web);
  }
  return web;
}

export function workerServices(spec: PlatformSpec): WorkerServiceSpec[] {
  return serviceList(spec).filter((s): s is WorkerServiceSpec => s.role === "worker");
}

/** The spec with one service replaced by `update(service)`; everything else unchanged. */
export function withService<S extends ServiceSpec>(spec: PlatformSpec, service: S, update: (service: S) => S): PlatformSpec {
  return { ...spec, services: { ...spec.services, [service.id]: update(service) } };
}

/** The spec with every service replaced by `update(service)`. */
export function withEveryService(spec: PlatformSpec, update: (service: ServiceSpec) => ServiceSpec): PlatformSpec {
  return { ...spec, services: Object.fromEntries(serviceList(spec).map((s) => [s.id, update(s)])) };
}

/** The web service with `update` applied (the optimizer's and right-sizer's candidates). */
export function withWebService(spec: PlatformSpec, update: (web: WebServiceSpec) => WebServiceSpec): PlatformSpec {
  return withService(spec, webService(spec), update);
}
