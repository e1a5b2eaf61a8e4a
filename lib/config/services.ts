/**
 * The service catalogue: every ECS service the platform runs, one entry each, with its role, its
 * name base and its config keys with their per-environment defaults. Adding a service is one entry
 * here; the config layer builds its ServiceSpec, and the components, the cost model, the dashboards
 * and the plan loop over PlatformSpec.services. Exactly one entry has the web role: the ALB forwards
 * to it and the SLO model times it.
 */
import { FARGATE_MAX_STOP_TIMEOUT_SECONDS } from "../aws/timings";
import { perEnv } from "./keyTable";
import {
  CommonServiceKeys,
  commonServiceKeys,
  ServiceIdentity,
  WebServiceKeys,
  webServiceKeys,
  WorkerServiceKeys,
  workerServiceKeys,
} from "./serviceKeys";

interface EntryBase extends ServiceIdentity {
  /** Base of the service's physical names (lib/spec/names.ts SERVICE_NAMES). */
  name: string;
  keys: CommonServiceKeys;
}

export interface WebServiceEntry extends EntryBase {
  role: "web";
  webKeys: WebServiceKeys;
}

export interface WorkerServiceEntry extends EntryBase {
  role: "worker";
  workerKeys: WorkerServiceKeys;
}

export type ServiceEntry = WebServiceEntry | WorkerServiceEntry;

export type ServiceCatalog = readonly ServiceEntry[];

const api: ServiceIdentity = { id: "api", role: "web", label: "API" };
const worker: ServiceIdentity = { id: "worker", role: "worker", label: "worker" };

export const SERVICE_CATALOG: ServiceCatalog = [
  {
    ...api,
    role: "web",
    name: "payment-api",
    keys: commonServiceKeys(
      api,
      {
        cpu: perEnv(1024, 1024, 512),
        memory: perEnv(2048, 2048, 1024),
        minTasks: perEnv(1, 1, 5),
        maxTasks: perEnv(23, 23, 43),
        cpuTargetPercent: perEnv(35, 35, 35),
        onDemandBase: perEnv(0, 0, 5),
        onDemandWeight: perEnv(1, 1, 1),
        spotWeight: perEnv(1, 1, 1),
        stopTimeoutSeconds: FARGATE_MAX_STOP_TIMEOUT_SECONDS,
        baseline: { tasks: 6, cpu: 1024, memory: 2048 },
        exampleImage: "123456789012.dkr.ecr.us-east-1.amazonaws.com/payment-api:1.4.2",
      },
      // The API's image and capacity keys kept the names they had before services were data.
      { image: "containerImage", onDemandBase: "onDemandBase", onDemandWeight: "onDemandWeight", spotWeight: "spotWeight" },
    ),
    webKeys: webServiceKeys(api, { processesPerTask: 1 }),
  },
  {
    ...worker,
    role: "worker",
    name: "payment-worker",
    keys: commonServiceKeys(worker, {
      cpu: perEnv(256, 256, 512),
      memory: perEnv(512, 512, 1024),
      minTasks: 1,
      maxTasks: perEnv(2, 2, 4),
      cpuTargetPercent: 70,
      // The worker tolerates interruption: all of it on Spot.
      onDemandBase: 0,
      onDemandWeight: 0,
      spotWeight: 1,
      // Spot's 2-minute warning: use all of it to finish the current batch item.
      stopTimeoutSeconds: FARGATE_MAX_STOP_TIMEOUT_SECONDS,
      baseline: { tasks: 2, cpu: 1024, memory: 2048 },
      exampleImage: "123456789012.dkr.ecr.us-east-1.amazonaws.com/payment-worker:1.4.2",
    }),
    workerKeys: workerServiceKeys(worker, { millicores: 100 }),
  },
];
