/**
 * Discrete-event simulation of the web service's steady state behind an Application Load Balancer,
 * the reference the analytic routing approximation (routingApproximation.ts) is tested against.
 *
 * Routing ("perNodeLeastOutstanding"): the ALB is one dispatcher node per enabled AZ. A request
 * reaches one node uniformly at random (Poisson arrivals split into independent Poisson streams),
 * and the node sends it to the target with the fewest outstanding requests *that node* has sent
 * (least outstanding requests,
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-target-groups.html#modify-routing-algorithm;
 * a node does not see the requests the other nodes sent). Ties are broken uniformly at random.
 * A target is a task with `processesPerTask` CPU servers in front of one FIFO queue. A request is
 * outstanding from its arrival until its response: its CPU queueing, its CPU service and its
 * downstream phase, which holds no CPU server (so a node counts a target busy on downstream calls as loaded).
 *
 * "sharedQueue": one FIFO queue in front of every process of every task (tasks × processes servers),
 * the best case of load balancing and what latency.ts models; with exponential CPU times it is M/M/c.
 *
 * Determinism and bounds: everything random comes from the seed (one xoroshiro128+ stream per
 * purpose, split by jumps, so both modes with one seed see the same arrivals and the same request
 * times: common random numbers make their comparison exact rather than statistical). No request
 * arrives after `maxSimulatedSeconds` or past the `maxRequests`-th; the requests in flight then
 * finish (finite work), so nothing is cut from the tail. The first `warmUpRequests` arrivals are
 * left out of the statistics (the run starts empty, which is not the steady state).
 */
import { Heap } from "heap-js";
import { RandomGenerator, unsafeUniformIntDistribution, xoroshiro128plus } from "pure-rand";
import { RequestTimes, sampler, uniformOpenAtZero } from "./serviceTime";

// Bound once: the routing runs per arrival (Jest's vm sandbox makes global lookups slow).
const { clz32 } = Math;

/** Set bits of a 32-bit word (the SWAR count: https://graphics.stanford.edu/~seander/bithacks.html#CountBitsSetParallel). */
export function popcount(word: number): number {
  let v = word - ((word >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export type RoutingMode = "perNodeLeastOutstanding" | "sharedQueue";

export interface RoutingSimulationInput {
  mode: RoutingMode;
  arrivalsPerSecond: number;
  tasks: number;
  processesPerTask: number;
  /** Load-balancer nodes, one per enabled AZ (ignored by "sharedQueue", which has one central queue). */
  nodes: number;
  times: RequestTimes;
  seed: number;
  maxRequests: number;
  maxSimulatedSeconds: number;
  warmUpRequests: number;
}

/** Nearest-rank percentiles (seconds). */
export interface Percentiles {
  p50: number;
  p90: number;
  p99: number;
  p999: number;
}

export interface RoutingSimulationResult {
  /** Response time: arrival to the end of the downstream phase. */
  latencySeconds: Percentiles;
  meanLatencySeconds: number;
  /** Time queued for a CPU server before service starts. */
  meanWaitSeconds: number;
  /** Share of the sampled requests that queued for a CPU server at all (P(wait > 0)). */
  waitedShare: number;
  /** CPU seconds the arrivals brought / (CPU servers × time of the last arrival): the servers' busy share. */
  utilization: number;
  /** Requests in the statistics: the arrivals after the warm-up. */
  samples: number;
  arrivals: number;
  /** Which bound ended the arrivals. */
  stoppedBy: "maxRequests" | "maxSimulatedSeconds";
  lastArrivalSeconds: number;
}

const CPU_PHASE = 0;
const DOWNSTREAM_PHASE = 1;
const NOBODY = -1;

function requireWhole(name: string, value: number, least: number): void {
  if (!Number.isSafeInteger(value) || value < least)
    throw new RangeError(`${name} must be a whole number >= ${least}, got ${value}`);
}

function requirePositive(name: string, value: number): void {
  if (!(Number.isFinite(value) && value > 0)) throw new RangeError(`${name} must be a finite number > 0, got ${value}`);
}

function checkInput(input: RoutingSimulationInput): void {
  requirePositive("arrivalsPerSecond", input.arrivalsPerSecond);
  requireWhole("tasks", input.tasks, 1);
  requireWhole("processesPerTask", input.processesPerTask, 1);
  requireWhole("nodes", input.nodes, 1);
  requireWhole("maxRequests", input.maxRequests, 1);
  requirePositive("maxSimulatedSeconds", input.maxSimulatedSeconds);
  requireWhole("warmUpRequests", input.warmUpRequests, 0);
  if (input.warmUpRequests >= input.maxRequests) {
    throw new RangeError(`warmUpRequests (${input.warmUpRequests}) must be below maxRequests (${input.maxRequests})`);
  }
}

/** Nearest-rank percentile of ascending values: the smallest value with at least `fraction` of them at or below it. */
export function nearestRank(sortedAscending: Float64Array, fraction: number): number {
  return sortedAscending[Math.max(0, Math.ceil(fraction * sortedAscending.length) - 1)];
}

/** Independent streams of one seed: each the previous one jumped 2^64 draws ahead. */
function streams(seed: number, count: number): RandomGenerator[] {
  const result = [xoroshiro128plus(seed)];
  while (result.length < count) result.push(result[result.length - 1].jump!());
  return result;
}

export function simulateRouting(input: RoutingSimulationInput): RoutingSimulationResult {
  checkInput(input);
  const shared = input.mode === "sharedQueue";
  // A shared queue is one target holding every process; per-node routing has one target per task.
  const targets = shared ? 1 : input.tasks;
  const serversPerTarget = shared ? input.tasks * input.processesPerTask : input.processesPerTask;
  const nodes = shared ? 1 : input.nodes;
  const { maxRequests, maxSimulatedSeconds, warmUpRequests } = input;

  const [arrivalStream, routingStream, cpuStream, downstreamStream] = streams(input.seed, 4);
  const meanGap = 1 / input.arrivalsPerSecond;
  const drawCpu = sampler(input.times.cpu, cpuStream);
  const drawDownstream = sampler(input.times.downstream, downstreamStream);

  const arrivalTime = new Float64Array(maxRequests);
  const cpuSeconds = new Float64Array(maxRequests);
  const downstreamSeconds = new Float64Array(maxRequests);
  const waitSeconds = new Float64Array(maxRequests);
  const eventTime = new Float64Array(maxRequests);
  const phase = new Uint8Array(maxRequests);
  const nodeOf = new Int32Array(maxRequests);
  const targetOf = new Int32Array(maxRequests);
  const nextInQueue = new Int32Array(maxRequests).fill(NOBODY);
  const queueHead = new Int32Array(targets).fill(NOBODY);
  const queueTail = new Int32Array(targets).fill(NOBODY);
  const busyServers = new Int32Array(targets);
  const outstanding = new Int32Array(nodes * targets);
  // Per node, the targets at each outstanding count as a bitset in target order (bit t of word t >> 5),
  // with the number of targets at each count and the least count any target has: the least-loaded
  // targets are then read in O(targets / 32) per arrival instead of a scan of every target, and in
  // the same ascending order the scan would list them, so the seeded tie-break picks the same one.
  const words = Math.ceil(targets / 32);
  const levels: Uint32Array[][] = [];
  const levelSizes: number[][] = [];
  const least = new Int32Array(nodes);
  for (let node = 0; node < nodes; node++) {
    const empty = new Uint32Array(words);
    for (let target = 0; target < targets; target++) empty[target >>> 5] |= 1 << (target & 31);
    levels.push([empty]);
    levelSizes.push([targets]);
  }
  const latency = new Float64Array(maxRequests - warmUpRequests);
  // One pending event per request at most (its CPU end, then its downstream end): the heap holds request ids.
  const events = new Heap<number>((a, b) => eventTime[a] - eventTime[b] || a - b);

  let samples = 0;
  let latencySum = 0;
  let waitSum = 0;
  let waited = 0;
  let cpuSum = 0;

  /** The k-th (from 0) target in ascending order among the set bits of a level's bitset. */
  function kthTarget(bits: Uint32Array, k: number): number {
    let rest = k;
    for (let word = 0; ; word++) {
      let w = bits[word];
      const inWord = popcount(w);
      if (rest < inWord) {
        for (let i = 0; i < rest; i++) w &= w - 1;
        return (word << 5) + 31 - clz32(w & -w);
      }
      rest -= inWord;
    }
  }

  /** One of the node's targets with the fewest outstanding requests, uniformly among the tied ones. */
  function leastOutstandingTarget(node: number): number {
    const level = least[node];
    const tied = levelSizes[node][level];
    return kthTarget(levels[node][level], tied === 1 ? 0 : unsafeUniformIntDistribution(0, tied - 1, routingStream));
  }

  /** Moves a target of a node from one outstanding count to the next (+1) or the one before (-1). */
  function move(node: number, target: number, by: 1 | -1): void {
    const index = node * targets + target;
    const from = outstanding[index];
    const to = from + by;
    outstanding[index] = to;
    const nodeLevels = levels[node];
    const sizes = levelSizes[node];
    const bit = 1 << (target & 31);
    nodeLevels[from][target >>> 5] &= ~bit;
    sizes[from]--;
    if (nodeLevels[to] === undefined) {
      nodeLevels[to] = new Uint32Array(words);
      sizes[to] = 0;
    }
    nodeLevels[to][target >>> 5] |= bit;
    sizes[to]++;
    if (to < least[node]) least[node] = to;
    else if (sizes[from] === 0 && from === least[node]) least[node] = to;
  }

  function startCpu(request: number, now: number): void {
    waitSeconds[request] = now - arrivalTime[request];
    eventTime[request] = now + cpuSeconds[request];
    phase[request] = CPU_PHASE;
    events.add(request);
  }

  function respond(request: number, now: number): void {
    if (targets > 1) move(nodeOf[request], targetOf[request], -1);
    if (request < warmUpRequests) return;
    const seconds = now - arrivalTime[request];
    latency[samples++] = seconds;
    latencySum += seconds;
    waitSum += waitSeconds[request];
    if (waitSeconds[request] > 0) waited++;
  }

  function endCpu(request: number, now: number): void {
    const target = targetOf[request];
    const next = queueHead[target];
    if (next === NOBODY) busyServers[target]--;
    else {
      queueHead[target] = nextInQueue[next];
      if (queueHead[target] === NOBODY) queueTail[target] = NOBODY;
      startCpu(next, now);
    }
    if (downstreamSeconds[request] > 0) {
      eventTime[request] = now + downstreamSeconds[request];
      phase[request] = DOWNSTREAM_PHASE;
      events.add(request);
    } else respond(request, now);
  }

  function arrive(request: number, now: number): void {
    arrivalTime[request] = now;
    cpuSeconds[request] = drawCpu();
    downstreamSeconds[request] = drawDownstream();
    cpuSum += cpuSeconds[request];
    const node = nodes === 1 ? 0 : unsafeUniformIntDistribution(0, nodes - 1, routingStream);
    const target = targets === 1 ? 0 : leastOutstandingTarget(node);
    nodeOf[request] = node;
    targetOf[request] = target;
    if (targets > 1) move(node, target, 1);
    if (busyServers[target] < serversPerTarget) {
      busyServers[target]++;
      startCpu(request, now);
    } else {
      if (queueTail[target] === NOBODY) queueHead[target] = request;
      else nextInQueue[queueTail[target]] = request;
      queueTail[target] = request;
    }
  }

  let arrivals = 0;
  let lastArrival = 0;
  let nextArrival = -meanGap * Math.log(uniformOpenAtZero(arrivalStream));
  for (;;) {
    const arrivalDue = arrivals < maxRequests && nextArrival <= maxSimulatedSeconds;
    const next = events.peek();
    if (arrivalDue && (next === undefined || nextArrival < eventTime[next])) {
      lastArrival = nextArrival;
      arrive(arrivals++, nextArrival);
      nextArrival += -meanGap * Math.log(uniformOpenAtZero(arrivalStream));
    } else if (next !== undefined) {
      events.pop();
      if (phase[next] === CPU_PHASE) endCpu(next, eventTime[next]);
      else respond(next, eventTime[next]);
    } else break;
  }

  if (samples === 0) {
    throw new RangeError(
      `no request arrived after the ${warmUpRequests} warm-up requests within ${maxSimulatedSeconds} s: raise maxSimulatedSeconds or lower warmUpRequests`,
    );
  }
  const sorted = latency.subarray(0, samples).sort();
  return {
    latencySeconds: {
      p50: nearestRank(sorted, 0.5),
      p90: nearestRank(sorted, 0.9),
      p99: nearestRank(sorted, 0.99),
      p999: nearestRank(sorted, 0.999),
    },
    meanLatencySeconds: latencySum / samples,
    meanWaitSeconds: waitSum / samples,
    waitedShare: waited / samples,
    utilization: cpuSum / (input.tasks * input.processesPerTask * lastArrival),
    samples,
    arrivals,
    stoppedBy: arrivals === maxRequests ? "maxRequests" : "maxSimulatedSeconds",
    lastArrivalSeconds: lastArrival,
  };
}
