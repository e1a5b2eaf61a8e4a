/**
 * The config keys of one ECS service, written once for every service: `serviceKeys(...)` makes the
 * flat keys Pulumi config needs (its project schema has no object type) from the service's id and
 * defaults: apiCpu, apiMemory, ..., baselineApiTasks for the API; workerCpu, ... for the worker. Keys
 * every service has come from `commonServiceKeys`; the web service adds `webServiceKeys`, a worker
 * `workerServiceKeys`.
 */
import { FARGATE_MAX_STOP_TIMEOUT_SECONDS } from "../aws/timings";
import {
  MAX_CPU_TARGET_PERCENT,
  MAX_TASKS_PER_SERVICE,
  MIN_CPU_TARGET_PERCENT,
  sentenceLabel,
  type ServiceRole,
} from "../spec/services";
import { Defaults, integer, text } from "./keyTable";

/** A service's defaults, per environment where they differ. */
export interface ServiceDefaults {
  cpu: Defaults<number>;
  memory: Defaults<number>;
  minTasks: Defaults<number>;
  maxTasks: Defaults<number>;
  cpuTargetPercent: Defaults<number>;
  onDemandBase: Defaults<number>;
  onDemandWeight: Defaults<number>;
  spotWeight: Defaults<number>;
  stopTimeoutSeconds: Defaults<number>;
  /** The service in the unoptimized baseline: always-on on-demand tasks of one size. */
  baseline: { tasks: number; cpu: number; memory: number };
  /** An image reference quoted in error messages. */
  exampleImage: string;
}

export interface ServiceIdentity {
  id: string;
  role: ServiceRole;
  /** How people call it in descriptions ("API", "worker"). */
  label: string;
}

const capitalized = (id: string) => id.charAt(0).toUpperCase() + id.slice(1);

/** Field -> config key name: `${id}${Field}` unless the entry keeps an older name. */
type KeyNames<F extends string> = Partial<Record<F, string>>;

const keyName = <F extends string>(id: string, field: F, names: KeyNames<F>) => names[field] ?? `${id}${capitalized(field)}`;

/** Integers that are task counts: 0 to the platform's cap. */
const COUNT = { min: 0, max: MAX_TASKS_PER_SERVICE } as const;
/** Capacity provider strategy: base 0-100000, weight 0-1000 (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CapacityProviderStrategyItem.html). */
const BASE = { min: 0, max: 100000 } as const;
const WEIGHT = { min: 0, max: 1000 } as const;

export type CommonServiceField =
  | "image"
  | "secrets"
  | "cpu"
  | "memory"
  | "minTasks"
  | "maxTasks"
  | "desiredTasks"
  | "cpuTargetPercent"
  | "onDemandBase"
  | "onDemandWeight"
  | "spotWeight"
  | "stopTimeoutSeconds"
  | "baselineTasks"
  | "baselineCpu"
  | "baselineMemory";

/** The keys every service has. */
export function commonServiceKeys(service: ServiceIdentity, d: ServiceDefaults, names: KeyNames<CommonServiceField> = {}) {
  const { id, label } = service;
  const Label = sentenceLabel(service);
  const name = (field: CommonServiceField) => keyName(id, field, names);
  const baselineName = (field: "Tasks" | "Cpu" | "Memory") =>
    names[`baseline${field}` as CommonServiceField] ?? `baseline${capitalized(id)}${field}`;
  return {
    image: {
      ...text({
        example: d.exampleImage,
        description: `${Label} image; unset builds the reference payment service from app/ (${service.role === "web" ? "the payments API" : "the settlement worker"}) and pushes it to the stack's ECR repository (needs Docker with buildx where \`pulumi up\` runs).`,
      }),
      key: name("image"),
    },
    secrets: {
      ...text({
        example: "DB_PASSWORD=arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf",
        description: `${Label} secrets: comma-separated NAME=ARN pairs (Secrets Manager or SSM), injected as secrets, never as plain environment variables.`,
      }),
      key: name("secrets"),
    },
    cpu: {
      ...integer({
        defaults: d.cpu,
        example: "512",
        description: `${Label} task CPU units (1024 = 1 vCPU); a valid Fargate size with ${name("memory")}.`,
      }),
      key: name("cpu"),
    },
    memory: {
      ...integer({
        defaults: d.memory,
        example: "1024",
        description: `${Label} task memory (MiB); must be valid for ${name("cpu")}.`,
      }),
      key: name("memory"),
    },
    minTasks: {
      ...integer({
        defaults: d.minTasks,
        ...COUNT,
        example: "3",
        description:
          service.role === "web"
            ? `Autoscaling minimum of the ${label} service.`
            : `Autoscaling minimum of the ${label} service. 0 parks it: CPU target tracking cannot scale out from zero tasks (no CPU datapoints), so a queue-depth policy or a manual desired count must start it.`,
      }),
      key: name("minTasks"),
    },
    maxTasks: {
      ...integer({
        defaults: d.maxTasks,
        min: 1,
        max: COUNT.max,
        example: "24",
        description: `Autoscaling maximum of the ${label} service.`,
      }),
      key: name("maxTasks"),
    },
    desiredTasks: {
      ...integer({
        ...COUNT,
        example: "3",
        description: `Initial desired count of the ${label} service (autoscaling owns it afterwards); unset: the minimum.`,
      }),
      key: name("desiredTasks"),
    },
    cpuTargetPercent: {
      ...integer({
        defaults: d.cpuTargetPercent,
        min: MIN_CPU_TARGET_PERCENT,
        max: MAX_CPU_TARGET_PERCENT,
        example: "70",
        description: `Target-tracking CPU utilization of the ${label} service (percent).`,
      }),
      key: name("cpuTargetPercent"),
    },
    onDemandBase: {
      ...integer({
        defaults: d.onDemandBase,
        ...BASE,
        example: "3",
        description: `${Label} tasks always placed on on-demand FARGATE (the floor Spot cannot take away).`,
      }),
      key: name("onDemandBase"),
    },
    onDemandWeight: {
      ...integer({
        defaults: d.onDemandWeight,
        ...WEIGHT,
        example: "1",
        description: `FARGATE weight for ${label} tasks above the base.`,
      }),
      key: name("onDemandWeight"),
    },
    spotWeight: {
      ...integer({
        defaults: d.spotWeight,
        ...WEIGHT,
        example: "3",
        description: `FARGATE_SPOT weight for ${label} tasks above the base.`,
      }),
      key: name("spotWeight"),
    },
    stopTimeoutSeconds: {
      ...integer({
        defaults: d.stopTimeoutSeconds,
        min: 2,
        max: FARGATE_MAX_STOP_TIMEOUT_SECONDS,
        example: "120",
        description: `SIGTERM-to-SIGKILL window of the ${label} container (Spot warns 120 s ahead; Fargate max ${FARGATE_MAX_STOP_TIMEOUT_SECONDS}).`,
      }),
      key: name("stopTimeoutSeconds"),
    },
    baselineTasks: {
      ...integer({
        defaults: d.baseline.tasks,
        ...COUNT,
        example: String(d.baseline.tasks),
        description: `Baseline: ${label} tasks running 24/7 on on-demand FARGATE, no autoscaling.`,
      }),
      key: baselineName("Tasks"),
    },
    baselineCpu: {
      ...integer({
        defaults: d.baseline.cpu,
        example: String(d.baseline.cpu),
        description: `Baseline: ${label} task CPU units; a valid Fargate size with ${baselineName("Memory")}.`,
      }),
      key: baselineName("Cpu"),
    },
    baselineMemory: {
      ...integer({
        defaults: d.baseline.memory,
        example: String(d.baseline.memory),
        description: `Baseline: ${label} task memory (MiB); must be valid for ${baselineName("Cpu")}.`,
      }),
      key: baselineName("Memory"),
    },
  };
}

export type CommonServiceKeys = ReturnType<typeof commonServiceKeys>;

/** The web service's own keys (the ALB-facing ones are platform keys: there is one web service). */
export function webServiceKeys(service: ServiceIdentity, d: { processesPerTask: Defaults<number> }) {
  const { id, label } = service;
  return {
    processesPerTask: {
      ...integer({
        defaults: d.processesPerTask,
        min: 1,
        max: 64,
        example: "1",
        description: `Application processes per ${label} task (a single-threaded runtime uses at most one vCPU per process).`,
      }),
      key: `${id}ProcessesPerTask`,
    },
    internalCallers: {
      ...text({
        example: "worker,sg-0123456789abcdef0",
        description: `Who may call the ${label} directly through Cloud Map (the stack output serviceDiscoveryName, payment-${id}-<suffix>.payment-<suffix>.internal) on the container port, besides the ALB: comma-separated worker service ids and/or security group IDs in this VPC's private subnets. Unset: the ALB only.`,
      }),
      key: `${id}InternalCallers`,
    },
  };
}

export type WebServiceKeys = ReturnType<typeof webServiceKeys>;

/** A worker's own keys: the average load it carries, which the cost model sizes its fleet for. */
export function workerServiceKeys(service: ServiceIdentity, d: { millicores: Defaults<number> }) {
  return {
    millicores: {
      ...integer({
        defaults: d.millicores,
        min: 0,
        max: 1000000,
        example: "100",
        description: `Average vCPU demand of the ${service.label} service (1000 = 1 vCPU).`,
      }),
      key: `workload${capitalized(service.id)}Millicores`,
    },
  };
}

export type WorkerServiceKeys = ReturnType<typeof workerServiceKeys>;
