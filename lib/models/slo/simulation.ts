/**
 * Discrete-time simulation of the API service under a request-rate curve: target tracking as ECS
 * runs it (the CPU policy and the ALB request-count policy), task launch, ALB health checks,
 * draining, Spot interruptions and AZ failures. It is deterministic: the same spec and input always
 * give the same steps (no randomness anywhere).
 *
 * One step (default 5 s) does, in order: scenario events due, the scheduled minimum, task state
 * transitions, the ECS service scheduler (launch or stop tasks until the active count equals the
 * desired count), serving the step's requests, the metric samples, and at the end of each metric
 * period the target-tracking alarms and the scaling decision.
 *
 * Policies: the CPU policy (20-s or 60-s datapoints of the service's CPUUtilization, which
 * saturates at 100%) and the ALBRequestCountPerTarget policy (60-s datapoints of requests per
 * healthy target, which does not saturate). Each has its own two managed alarms; ECS scales out
 * when any policy's alarm asks and scales in only when every policy's scale-in alarm is in ALARM,
 * to the largest count any policy asks for
 * (https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-target-tracking.html).
 * The cooldowns apply per service, so one policy's activity holds back the other's in that
 * direction (two policies cannot compound one change with datapoints measured before it).
 * The memory policy is not simulated (the app's memory does not grow with load; docs/slo-model.md).
 * The optional step-scaling policy (stepScaling.ts) alarms on the same CPU datapoints; when it and
 * target tracking act on one datapoint the larger count wins
 * (https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PutScalingPolicy.html). Its
 * scale-out starts the service's scale-out cooldown too; its own cooldown follows AAS's step rules.
 *
 * Timeline (lib/aws/timings.ts): an alarm acts on a datapoint metricToAlarmLagSeconds after it
 * closes (publication and evaluation, calibrated to AWS's benchmark); the desired count changes at
 * that second and the tasks launch from it; a task runs spec.slo.taskLaunchSeconds later (derived
 * from the image size unless configured) and serves one health-check interval after that (one
 * passing check). Within a step these exact times are kept in the activities and launches; the
 * step's counts reflect them from the next step on.
 *
 * Serving: while utilization < 1 the p99 is the steady-state p99 for the tasks in service behind
 * one load-balancer node per AZ that is up (latency.ts: per-node least-outstanding routing). A fluid backlog carries overload between steps: it grows by (arrivals - capacity)
 * and drains at the spare capacity; a request arriving behind it waits backlog / capacity on top.
 * A request never waits longer than the ALB idle timeout: the ALB answers 504 then
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-troubleshooting.html#http-504-issues),
 * so p99 is capped there and the backlog holds at most idle-timeout seconds of work (the
 * application is assumed to drop requests whose client went away).
 */
import { vcpuOf } from "../../aws/fargateSizes";
import { PlatformSpec, webService } from "../../spec";
import {
  ALARM_ACTION_REPEAT_SECONDS,
  ALB_METRIC_PERIOD_SECONDS,
  SCALE_IN_DATAPOINTS,
  SCALE_OUT_DATAPOINTS,
  SPOT_WARNING_SECONDS,
  cpuMetricPeriodSeconds,
  metricToAlarmLagSeconds,
  newTargetInServiceSeconds,
} from "../../aws/timings";
import { stepScalingCooldownSeconds } from "../../design/scalingPolicies";
import { p99LatencyMs, serverCount } from "./latency";
import { cpuServiceSeconds, processVcpuShare } from "./requestTimes";
import { splitByCapacityProvider } from "../fleet/steadyState";
import { breachingMetric, newStepPolicyState, recordStepScaleOut, stepAsk } from "./stepScaling";

/** The odd task above the base goes to Spot here: the worse case for a Spot reclaim (steadyState.ts). */
const SLO_ODD_TASK = "spot";

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
  /** The autoscaling minimum at a time (scheduled scaling); default the web service's minTasks. */
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
  /** Requests per healthy target per minute at this step's rate (ALBRequestCountPerTarget); null when no task is in service. */
  requestsPerTarget: number | null;
  /** p99 response time of requests arriving in this step (capped at the ALB idle timeout). */
  p99Ms: number;
  /** Requests queued beyond what the processes hold. */
  backlog: number;
}

/** The API's target-tracking policies the simulation runs, and the optional step-scaling policy. */
export type PolicyName = "cpu" | "requests" | "step";

/** The target-tracking policies. */
type TrackingPolicyName = Exclude<PolicyName, "step">;

export interface ScalingActivity {
  /** The second the alarm acted (a datapoint's close + the alarm lag), or the step's start for the scheduled minimum. */
  time: number;
  from: number;
  to: number;
  cause: "scaleOut" | "scaleIn" | "scheduledMinimum";
  /** The policy whose alarm set the count (absent for the scheduled minimum). */
  policy?: PolicyName;
}

export interface TaskLaunch {
  /** When the scheduler launched it: the second the desired count rose, or the step's start. */
  launchedAt: number;
  /** When it started taking traffic; null if it never did within the simulation. */
  inServiceAt: number | null;
  provider: CapacityProvider;
  az: number;
}

export interface SimulationResult {
  stepSeconds: number;
  /** The CPU metric's period (the request-count metric's is always 60 s). */
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

/** One target-tracking policy: its metric's datapoints and its two managed alarms. */
interface Policy {
  name: TrackingPolicyName;
  /** Target in the metric's unit (percent CPU, or requests per target per minute). */
  target: number;
  periodSeconds: number;
  /** Seconds from a datapoint's close to the alarms acting on it. */
  lagSeconds: number;
  /** CPUUtilization is the period's average; RequestCountPerTarget the period's requests per target (a sum). */
  statistic: "average" | "sum";
  history: (number | null)[];
  /** The metric accumulating for the open datapoint. */
  sum: number;
  samples: number;
  /** The last datapoint with data. */
  latest: number;
  high: Alarm;
  low: Alarm;
}

/** A closed datapoint on its way to the alarms. */
interface PublishedDatapoint {
  policy: Policy;
  value: number | null;
  visibleAt: number;
}

/** A scale-out a policy asks for at one datapoint. */
interface Ask {
  to: number;
  policy: PolicyName;
}

function newPolicy(name: TrackingPolicyName, target: number, periodSeconds: number, statistic: Policy["statistic"]): Policy {
  return {
    name,
    target,
    periodSeconds,
    lagSeconds: metricToAlarmLagSeconds(periodSeconds),
    statistic,
    history: [],
    sum: 0,
    samples: 0,
    latest: 0,
    high: { inAlarm: false, lastInvokedAt: -Infinity },
    low: { inAlarm: false, lastInvokedAt: -Infinity },
  };
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
  const { scaling, loadBalancer: lb, slo } = spec;
  const api = webService(spec);
  const period = cpuMetricPeriodSeconds(scaling.highResolutionMetrics);
  const minAt = input.minTasksAt ?? (() => api.minTasks);
  const azCount = spec.network.availabilityZoneCount;
  const healthSeconds = newTargetInServiceSeconds(lb.healthCheckIntervalSeconds);
  const timeoutMs = lb.idleTimeoutSeconds * 1000;
  const serviceSeconds = cpuServiceSeconds(spec);
  const share = processVcpuShare(spec);
  const taskVcpu = vcpuOf(api.cpu);
  const events = [...(input.events ?? [])].sort((a, b) => a.at - b.at);

  let nextId = 0;
  let tasks: Task[] = [];
  const azUp = Array.from({ length: azCount }, () => true);
  let spotAvailable = true;
  let desired = Math.min(api.maxTasks, Math.max(minAt(0), input.initialTasks));
  const steps: SimulationStep[] = [];
  const activities: ScalingActivity[] = [];
  const launches: TaskLaunch[] = [];
  const cpuPolicy = newPolicy("cpu", api.cpuTargetPercent, period, "average");
  const requestPolicy = newPolicy("requests", api.requestsPerTargetPerMinute, ALB_METRIC_PERIOD_SECONDS, "sum");
  const policies = [cpuPolicy, requestPolicy];
  const stepSpec = scaling.stepScaling;
  const stepAlarm: Alarm = { inAlarm: false, lastInvokedAt: -Infinity };
  const stepState = newStepPolicyState();
  const stepCooldown = stepScalingCooldownSeconds(spec);
  let published: PublishedDatapoint[] = [];
  /** When the desired count last rose within the current step (the launches start then). */
  let raisedAt: number | null = null;
  let lastScaleOutAt = -Infinity;
  let lastScaleInAt = -Infinity;
  let backlog = 0;
  let cachedKey = "";
  let cachedP99 = 0;

  const initialSplit = splitByCapacityProvider(desired, api.onDemandBase, api.onDemandWeight, api.spotWeight, SLO_ODD_TASK);
  for (let i = 0; i < desired; i++) {
    const provider: CapacityProvider = i < initialSplit.onDemand ? "FARGATE" : "FARGATE_SPOT";
    tasks.push({ id: nextId++, provider, az: i % azCount, state: "inService", until: Infinity, launch: null });
  }

  const active = () => tasks.filter((t) => t.state !== "draining");
  const setDesired = (time: number, to: number, cause: ScalingActivity["cause"], policy?: PolicyName) => {
    activities.push({ time, from: desired, to, cause, ...(policy ? { policy } : {}) });
    if (to > desired) raisedAt = time;
    desired = to;
  };

  function launch(time: number, count: number): void {
    for (let i = 0; i < count; i++) {
      const current = active();
      const wanted = splitByCapacityProvider(desired, api.onDemandBase, api.onDemandWeight, api.spotWeight, SLO_ODD_TASK);
      const onDemand = current.filter((t) => t.provider === "FARGATE").length;
      // ECS keeps base and weights; it never falls back from FARGATE_SPOT to FARGATE
      // (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-capacity-providers.html).
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
      const wanted = splitByCapacityProvider(desired, api.onDemandBase, api.onDemandWeight, api.spotWeight, SLO_ODD_TASK);
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

  /** What a policy's latest datapoint asks for: ceil(desired x metric / target), within [min, max]. */
  function proposal(policy: Policy, time: number): number {
    const proposed = Math.ceil((desired * policy.latest) / policy.target - 1e-9);
    return Math.min(api.maxTasks, Math.max(minAt(time), proposed));
  }

  /** Target tracking's scale-out ask, when its cooldown allows one and it adds tasks. */
  function trackingAsk(policy: Policy, time: number): Ask | null {
    const bounded = proposal(policy, time);
    if (time - lastScaleOutAt >= scaling.scaleOutCooldownSeconds && bounded > desired)
      return { to: bounded, policy: policy.name };
    return null;
  }

  /** The step policy's ask at a CPU datapoint, capped at the maximum; null when it adds nothing. */
  function stepPolicyAsk(time: number): Ask | null {
    if (stepSpec === null) return null;
    const metric = breachingMetric(stepSpec, cpuPolicy.history);
    if (!evaluateAlarm(stepAlarm, metric !== null, time)) return null;
    const to = Math.min(api.maxTasks, stepAsk(stepSpec, stepState, metric as number, desired, time, stepCooldown));
    return to > desired ? { to, policy: "step" } : null;
  }

  /** The largest ask wins (the first on a tie); any scale-out starts the service's cooldown. */
  function scaleOut(asks: readonly (Ask | null)[], time: number): void {
    const winner = asks.reduce<Ask | null>(
      (best, ask) => (ask !== null && (best === null || ask.to > best.to) ? ask : best),
      null,
    );
    if (winner === null) return;
    if (winner.policy === "step") recordStepScaleOut(stepState, desired, time, stepCooldown);
    setDesired(time, winner.to, "scaleOut", winner.policy);
    lastScaleOutAt = time;
  }

  /** Only when every policy's scale-in alarm is in ALARM, and never below what any policy asks for. */
  function scaleIn(policy: Policy, time: number): void {
    if (!policies.every((p) => p.low.inAlarm)) return;
    const bounded = Math.max(...policies.map((p) => proposal(p, time)));
    if (time - lastScaleInAt >= scaling.scaleInCooldownSeconds && bounded < desired) {
      setDesired(time, bounded, "scaleIn", policy.name);
      lastScaleInAt = time;
    }
  }

  /** Updates an alarm's state; true when it invokes its action now (entering ALARM, or once a minute in it). */
  function evaluateAlarm(alarm: Alarm, breaching: boolean, time: number): boolean {
    if (!breaching) {
      alarm.inAlarm = false;
      return false;
    }
    if (alarm.inAlarm && time - alarm.lastInvokedAt < ALARM_ACTION_REPEAT_SECONDS) return false;
    alarm.inAlarm = true;
    alarm.lastInvokedAt = time;
    return true;
  }

  /** Closes the open datapoint; the alarms see it lagSeconds later. */
  function closeDatapoint(policy: Policy, time: number): void {
    const divisor = policy.statistic === "average" ? policy.samples : 1;
    const value = policy.samples > 0 ? policy.sum / divisor : null;
    policy.sum = 0;
    policy.samples = 0;
    published.push({ policy, value, visibleAt: time + policy.lagSeconds });
  }

  /** The alarms of a policy (and the step policy's, on the CPU metric) act on a datapoint. */
  function receive({ policy, value, visibleAt: time }: PublishedDatapoint): void {
    policy.history.push(value);
    // Missing data is not breaching for the step alarm (lib/design/scalingPolicies.ts); target tracking keeps its state.
    if (value === null) {
      if (policy === cpuPolicy) stepAlarm.inAlarm = false;
      return;
    }
    policy.latest = value;
    const last = (n: number) => policy.history.slice(-n);
    const high = last(SCALE_OUT_DATAPOINTS);
    const low = last(SCALE_IN_DATAPOINTS);
    const above = high.length === SCALE_OUT_DATAPOINTS && high.every((d) => d !== null && d > policy.target);
    const below = low.length === SCALE_IN_DATAPOINTS && low.every((d) => d !== null && d < policy.target);
    const tracking = evaluateAlarm(policy.high, above, time) ? trackingAsk(policy, time) : null;
    scaleOut([tracking, policy === cpuPolicy ? stepPolicyAsk(time) : null], time);
    if (evaluateAlarm(policy.low, below, time)) scaleIn(policy, time);
  }

  /** Every published datapoint visible by `horizon`, in the order the alarms see them. */
  function deliver(horizon: number): void {
    const due = published.filter((d) => d.visibleAt <= horizon).sort((a, b) => a.visibleAt - b.visibleAt);
    published = published.filter((d) => d.visibleAt > horizon);
    for (const datapoint of due) receive(datapoint);
  }

  function sample(policy: Policy, value: number | null): void {
    if (value === null) return;
    policy.sum += value;
    policy.samples += 1;
  }

  /** Steady-state p99 with one load-balancer node per AZ that is up. */
  function stationaryP99(rps: number, inService: number): number {
    const nodes = azUp.filter((up) => up).length;
    const key = `${inService}:${rps}:${nodes}`;
    if (key !== cachedKey) {
      cachedKey = key;
      cachedP99 = p99LatencyMs(spec, rps, inService, nodes);
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
    if (activeCount < desired) launch(raisedAt ?? time, desired - activeCount);
    if (activeCount > desired) stop(time, activeCount - desired);
    raisedAt = null;

    // One pass over the tasks per step (the diurnal day has 17,280 steps).
    const count: Record<TaskState, number> = { pending: 0, starting: 0, inService: 0, draining: 0 };
    for (const task of tasks) count[task.state] += 1;
    const { inService } = count;
    const runningTasks = count.starting + inService + count.draining;
    const rps = input.rps(time);
    const servers = serverCount(spec, inService);
    const capacityRps = servers / serviceSeconds;
    const load = rps * serviceSeconds;
    const saturated = backlog > 0 || load >= servers;
    const waitBehindBacklogMs = servers > 0 ? (backlog / capacityRps) * 1000 : 0;
    const p99Ms = servers === 0 ? timeoutMs : Math.min(timeoutMs, stationaryP99(rps, inService) + waitBehindBacklogMs);
    const busyServers = saturated ? servers : load;
    const cpuUtilization = runningTasks > 0 ? (busyServers * share) / (runningTasks * taskVcpu) : null;
    // The ALB counts a request against a target only when it could pick one (no healthy task: 503, not counted).
    const requestsPerTarget = inService > 0 ? (rps * 60) / inService : null;
    steps.push({
      time,
      rps,
      desired,
      pending: count.pending,
      running: count.starting + inService,
      inService,
      draining: count.draining,
      utilization: servers > 0 ? load / servers : null,
      cpuUtilization,
      requestsPerTarget,
      p99Ms,
      backlog,
    });
    backlog = Math.min(capacityRps * lb.idleTimeoutSeconds, Math.max(0, backlog + (rps - capacityRps) * dt));
    sample(cpuPolicy, cpuUtilization === null ? null : cpuUtilization * 100);
    sample(requestPolicy, requestsPerTarget === null ? null : (requestsPerTarget * dt) / 60);
    for (const policy of policies) if ((time + dt) % policy.periodSeconds === 0) closeDatapoint(policy, time + dt);
    deliver(time + dt);
  }
  return { stepSeconds: dt, metricPeriodSeconds: period, steps, activities, launches };
}
