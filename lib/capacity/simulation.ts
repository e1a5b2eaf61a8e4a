/**
 * Discrete-time simulation of the API service under a request-rate curve: CPU target tracking as
 * ECS runs it, task launch, ALB health checks, draining, Spot interruptions and AZ failures. It is
 * deterministic: the same spec and input always give the same steps (no randomness anywhere).
 *
 * One step (default 5 s) does, in order: scenario events due, the scheduled minimum, task state
 * transitions, the ECS service scheduler (launch or stop tasks until the active count equals the
 * desired count), serving the step's requests, the CPU metric sample, and at the end of each
 * metric period the target-tracking alarms and the scaling decision.
 *
 * Serving: while utilization < 1 the p99 is the steady-state M/M/c p99 for the tasks in service
 * (latency.ts). A fluid backlog carries overload between steps: it grows by (arrivals - capacity)
 * and drains at the spare capacity; a request arriving behind it waits backlog / capacity on top.
 * A request never waits longer than the ALB idle timeout: the ALB answers 504 then
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-troubleshooting.html#http-504-issues),
 * so p99 is capped there and the backlog holds at most idle-timeout seconds of work (the
 * application is assumed to drop requests whose client went away).
 *
 * Only the CPU target-tracking policy is simulated, as in the cost model's steady state
 * (steadyState.ts); see docs/slo-model.md for what the memory and request-count policies change.
 */
import { vcpuOf } from "../compute/fargateSizes";
import { PlatformSpec } from "../spec";
import { cpuServiceSeconds, p99LatencyMs, processVcpuShare, serverCount } from "./latency";
import { splitByCapacityProvider } from "./steadyState";

/**
 * Target tracking's AWS-managed alarms: scale out after 3 of 3 datapoints above the target, scale
 * in after 15 of 15 below it. Not stated in the AWS docs; consistently observed (FACTS.md,
 * https://github.com/aws-samples/amazon-aurora-labs-for-mysql/issues/3).
 */
export const SCALE_OUT_DATAPOINTS = 3;
export const SCALE_IN_DATAPOINTS = 15;

/**
 * Datapoint period of the ECS service CPU metric: 60 s, or 20 s with the high-resolution metric
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/target-tracking-faster-auto-scaling.html).
 * With 20-s metrics the alarms are assumed to keep their 3 and 15 datapoints at 20 s each (1 min
 * and 5 min); AWS does not publish the managed alarms' settings for the high-resolution metric.
 */
export const STANDARD_METRIC_PERIOD_SECONDS = 60;
export const HIGH_RESOLUTION_METRIC_PERIOD_SECONDS = 20;

/**
 * An alarm that stays in ALARM re-invokes its Auto Scaling action once a minute
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarm-actions.html,
 * https://repost.aws/knowledge-center/autoscaling-policy-cloudwatch-alarm).
 */
export const ALARM_ACTION_REPEAT_SECONDS = 60;

/**
 * Fargate Spot interruption warning: 2 minutes (SIGTERM); the task is deregistered at once
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-capacity-providers.html).
 */
export const SPOT_WARNING_SECONDS = 120;

export const DEFAULT_STEP_SECONDS = 5;

export type CapacityProvider = "FARGATE" | "FARGATE_SPOT";

export type SimulationEvent =
  /** Every Spot task gets its 2-minute warning and no Spot capacity is left to launch on. */
  | { at: number; kind: "spotInterruption" }
  | { at: number; kind: "spotCapacityRestored" }
  /** Every task in the AZ stops at once and nothing can be placed there. */
  | { at: number; kind: "azFailure"; az: number }
  | { at: number; kind: "azRestored"; az: number };

export interface SimulationInput {
  durationSeconds: number;
  /** Request rate (per second) at a time (seconds from the start). */
  rps(timeSeconds: number): number;
  /** Tasks in service and desired count at time 0. */
  initialTasks: number;
  /** The autoscaling minimum at a time (scheduled scaling); default spec.api.minTasks. */
  minTasksAt?(timeSeconds: number): number;
  events?: readonly SimulationEvent[];
  /** 1, 2, 4 or 5 seconds (it must divide the 20-s metric period). */
  stepSeconds?: number;
}

export interface SimulationStep {
  /** Start of the step, seconds. */
  time: number;
  rps: number;
  desired: number;
  /** Launched, not yet running (includes Spot tasks waiting for capacity). */
  pending: number;
  /** Running and not stopping: in health checks or in service. */
  running: number;
  /** Registered, healthy and taking traffic. */
  inService: number;
  /** Deregistered, finishing in-flight requests. */
  draining: number;
  /** Offered load / processes in service; null when no task is in service. */
  utilization: number | null;
  /** What ECS reports as the service's CPUUtilization (0-1); null when no task runs. */
  cpuUtilization: number | null;
  /** p99 response time of requests arriving in this step (capped at the ALB idle timeout). */
  p99Ms: number;
  /** Requests queued beyond what the processes hold. */
  backlog: number;
}

export interface ScalingActivity {
  time: number;
  from: number;
  to: number;
  cause: "scaleOut" | "scaleIn" | "scheduledMinimum";
}

export interface TaskLaunch {
  launchedAt: number;
  /** When it started taking traffic; null if it never did within the simulation. */
  inServiceAt: number | null;
  provider: CapacityProvider;
  az: number;
}

export interface SimulationResult {
  stepSeconds: number;
  metricPeriodSeconds: number;
  steps: SimulationStep[];
  activities: ScalingActivity[];
  /** Tasks the scheduler launched (not the initial ones). */
  launches: TaskLaunch[];
}

type TaskState = "pending" | "starting" | "inService" | "draining";

interface Task {
  id: number;
  provider: CapacityProvider;
  az: number;
  state: TaskState;
  /** pending: when it runs (Infinity while its capacity is unavailable); starting: when it takes traffic; draining: when it stops. */
  until: number;
  launch: TaskLaunch | null;
}

interface Alarm {
  inAlarm: boolean;
  lastInvokedAt: number;
}

const STATE_ORDER: Record<TaskState, number> = { pending: 0, starting: 1, inService: 2, draining: 3 };

function checkInput(input: SimulationInput, stepSeconds: number): void {
  if (![1, 2, 4, 5].includes(stepSeconds))
    throw new RangeError(`stepSeconds must be 1, 2, 4 or 5 (a divisor of the 20-s metric period), got ${stepSeconds}`);
  if (!(input.durationSeconds > 0)) throw new RangeError(`durationSeconds must be > 0, got ${input.durationSeconds}`);
}

/** Runs the simulation. */
export function simulate(spec: PlatformSpec, input: SimulationInput): SimulationResult {
  const dt = input.stepSeconds ?? DEFAULT_STEP_SECONDS;
  checkInput(input, dt);
  const { api, scaling, loadBalancer: lb, slo } = spec;
  const period = scaling.highResolutionMetrics ? HIGH_RESOLUTION_METRIC_PERIOD_SECONDS : STANDARD_METRIC_PERIOD_SECONDS;
  const minAt = input.minTasksAt ?? (() => api.minTasks);
  const azCount = spec.network.availabilityZoneCount;
  const healthSeconds = lb.healthyThreshold * lb.healthCheckIntervalSeconds;
  const timeoutMs = lb.idleTimeoutSeconds * 1000;
  const serviceSeconds = cpuServiceSeconds(spec);
  const share = processVcpuShare(spec);
  const taskVcpu = vcpuOf(api.cpu);
  const target = api.cpuTargetPercent;
  const events = [...(input.events ?? [])].sort((a, b) => a.at - b.at);

  let nextId = 0;
  let tasks: Task[] = [];
  const azUp = Array.from({ length: azCount }, () => true);
  let spotAvailable = true;
  let desired = Math.min(api.maxTasks, Math.max(minAt(0), input.initialTasks));
  const steps: SimulationStep[] = [];
  const activities: ScalingActivity[] = [];
  const launches: TaskLaunch[] = [];
  const history: (number | null)[] = [];
  const highAlarm: Alarm = { inAlarm: false, lastInvokedAt: -Infinity };
  const lowAlarm: Alarm = { inAlarm: false, lastInvokedAt: -Infinity };
  let lastScaleOutAt = -Infinity;
  let lastScaleInAt = -Infinity;
  let backlog = 0;
  let metricSum = 0;
  let metricSamples = 0;
  let cachedKey = "";
  let cachedP99 = 0;

  const initialSplit = splitByCapacityProvider(desired, api.onDemandBase, api.onDemandWeight, api.spotWeight);
  for (let i = 0; i < desired; i++) {
    const provider: CapacityProvider = i < initialSplit.onDemand ? "FARGATE" : "FARGATE_SPOT";
    tasks.push({ id: nextId++, provider, az: i % azCount, state: "inService", until: Infinity, launch: null });
  }

  const active = () => tasks.filter((t) => t.state !== "draining");
  const setDesired = (time: number, to: number, cause: ScalingActivity["cause"]) => {
    activities.push({ time, from: desired, to, cause });
    desired = to;
  };

  function launch(time: number, count: number): void {
    for (let i = 0; i < count; i++) {
      const current = active();
      const wanted = splitByCapacityProvider(desired, api.onDemandBase, api.onDemandWeight, api.spotWeight);
      const onDemand = current.filter((t) => t.provider === "FARGATE").length;
      // ECS keeps base and weights; it never falls back from FARGATE_SPOT to FARGATE (FACTS.md).
      const provider: CapacityProvider = onDemand < wanted.onDemand ? "FARGATE" : "FARGATE_SPOT";
      // Spread placement: the usable AZ with the fewest of the service's tasks.
      const perAz = azUp.map((up, az) => (up ? current.filter((t) => t.az === az).length : Infinity));
      const az = perAz.indexOf(Math.min(...perAz));
      const record: TaskLaunch = { launchedAt: time, inServiceAt: null, provider, az };
      const blocked = provider === "FARGATE_SPOT" && !spotAvailable;
      tasks.push({
        id: nextId++,
        provider,
        az,
        state: "pending",
        until: blocked ? Infinity : time + slo.taskLaunchSeconds,
        launch: record,
      });
      launches.push(record);
    }
  }

  function stop(time: number, count: number): void {
    for (let i = 0; i < count; i++) {
      const current = active();
      const wanted = splitByCapacityProvider(desired, api.onDemandBase, api.onDemandWeight, api.spotWeight);
      const spot = current.filter((t) => t.provider === "FARGATE_SPOT").length;
      const provider: CapacityProvider = spot > wanted.spot ? "FARGATE_SPOT" : "FARGATE";
      const perAz = (az: number) => current.filter((t) => t.az === az).length;
      // Cheapest to give up first: not yet running, then not yet serving; then the fullest AZ, newest task.
      const victim = current
        .filter((t) => t.provider === provider)
        .sort((a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state] || perAz(b.az) - perAz(a.az) || b.id - a.id)[0];
      if (victim.state === "pending") tasks = tasks.filter((t) => t !== victim);
      else Object.assign(victim, { state: "draining", until: time + lb.deregistrationDelaySeconds });
    }
  }

  function applyEvent(event: SimulationEvent, time: number): void {
    if (event.kind === "spotInterruption") {
      spotAvailable = false;
      for (const task of tasks.filter((t) => t.provider === "FARGATE_SPOT")) {
        if (task.state === "pending") task.until = Infinity;
        else if (task.state !== "draining")
          Object.assign(task, { state: "draining", until: time + Math.min(lb.deregistrationDelaySeconds, SPOT_WARNING_SECONDS) });
      }
    } else if (event.kind === "spotCapacityRestored") {
      spotAvailable = true;
      for (const task of tasks.filter((t) => t.state === "pending" && t.until === Infinity))
        task.until = time + slo.taskLaunchSeconds;
    } else if (event.kind === "azFailure") {
      azUp[event.az] = false;
      tasks = tasks.filter((t) => t.az !== event.az);
    } else {
      azUp[event.az] = true;
    }
  }

  function advance(time: number): void {
    for (const task of tasks) {
      if (task.state === "pending" && task.until <= time)
        Object.assign(task, { state: "starting", until: task.until + healthSeconds });
      if (task.state === "starting" && task.until <= time) {
        task.state = "inService";
        // Only launched tasks pass through "starting"; the initial ones begin in service.
        (task.launch as TaskLaunch).inServiceAt = task.until;
        task.until = Infinity;
      }
    }
    tasks = tasks.filter((t) => !(t.state === "draining" && t.until <= time));
  }

  function scale(time: number, metricPercent: number, direction: "out" | "in"): void {
    const proposed = Math.ceil((desired * metricPercent) / target - 1e-9);
    const bounded = Math.min(api.maxTasks, Math.max(minAt(time), proposed));
    if (direction === "out" && time - lastScaleOutAt >= scaling.scaleOutCooldownSeconds && bounded > desired) {
      setDesired(time, bounded, "scaleOut");
      lastScaleOutAt = time;
    }
    if (direction === "in" && time - lastScaleInAt >= scaling.scaleInCooldownSeconds && bounded < desired) {
      setDesired(time, bounded, "scaleIn");
      lastScaleInAt = time;
    }
  }

  function evaluateAlarm(alarm: Alarm, breaching: boolean, time: number, direction: "out" | "in", metricPercent: number): void {
    if (!breaching) {
      alarm.inAlarm = false;
      return;
    }
    if (alarm.inAlarm && time - alarm.lastInvokedAt < ALARM_ACTION_REPEAT_SECONDS) return;
    alarm.inAlarm = true;
    alarm.lastInvokedAt = time;
    scale(time, metricPercent, direction);
  }

  function closeDatapoint(time: number): void {
    const datapoint = metricSamples > 0 ? (metricSum / metricSamples) * 100 : null;
    history.push(datapoint);
    metricSum = 0;
    metricSamples = 0;
    if (datapoint === null) return;
    const last = (n: number) => history.slice(-n);
    const high = last(SCALE_OUT_DATAPOINTS);
    const low = last(SCALE_IN_DATAPOINTS);
    const above = high.length === SCALE_OUT_DATAPOINTS && high.every((d) => d !== null && d > target);
    const below = low.length === SCALE_IN_DATAPOINTS && low.every((d) => d !== null && d < target);
    evaluateAlarm(highAlarm, above, time, "out", datapoint);
    evaluateAlarm(lowAlarm, below, time, "in", datapoint);
  }

  function stationaryP99(rps: number, inService: number): number {
    const key = `${inService}:${rps}`;
    if (key !== cachedKey) {
      cachedKey = key;
      cachedP99 = p99LatencyMs(spec, rps, inService);
    }
    return cachedP99;
  }

  let eventIndex = 0;
  for (let time = 0; time < input.durationSeconds; time += dt) {
    while (eventIndex < events.length && events[eventIndex].at <= time) applyEvent(events[eventIndex++], time);
    const minimum = minAt(time);
    if (desired < minimum) setDesired(time, minimum, "scheduledMinimum");
    advance(time);
    const activeCount = active().length;
    if (activeCount < desired) launch(time, desired - activeCount);
    if (activeCount > desired) stop(time, activeCount - desired);

    const count = (state: TaskState) => tasks.filter((t) => t.state === state).length;
    const inService = count("inService");
    const runningTasks = count("starting") + inService + count("draining");
    const rps = input.rps(time);
    const servers = serverCount(spec, inService);
    const capacityRps = servers / serviceSeconds;
    const load = rps * serviceSeconds;
    const saturated = backlog > 0 || load >= servers;
    const waitBehindBacklogMs = servers > 0 ? (backlog / capacityRps) * 1000 : 0;
    const p99Ms = servers === 0 ? timeoutMs : Math.min(timeoutMs, stationaryP99(rps, inService) + waitBehindBacklogMs);
    const busyServers = saturated ? servers : load;
    const cpuUtilization = runningTasks > 0 ? (busyServers * share) / (runningTasks * taskVcpu) : null;
    steps.push({
      time,
      rps,
      desired,
      pending: count("pending"),
      running: count("starting") + inService,
      inService,
      draining: count("draining"),
      utilization: servers > 0 ? load / servers : null,
      cpuUtilization,
      p99Ms,
      backlog,
    });
    backlog = Math.min(capacityRps * lb.idleTimeoutSeconds, Math.max(0, backlog + (rps - capacityRps) * dt));
    if (cpuUtilization !== null) {
      metricSum += cpuUtilization;
      metricSamples += 1;
    }
    if ((time + dt) % period === 0) closeDatapoint(time + dt);
  }
  return { stepSeconds: dt, metricPeriodSeconds: period, steps, activities, launches };
}
