import { perNodeP99Seconds, sharedQueueP99Seconds } from "../../lib/models/slo/routingApproximation";
import { simulateRouting } from "../../lib/models/slo/routingSimulation";
import { exponential, deterministic, lognormal } from "../../lib/models/slo/serviceTime";
for (const [label, downstream] of [
  ["det30", deterministic(0.03)],
  ["lognormal30cv1", lognormal(0.03, 1)],
] as const) {
  const input = {
    arrivalsPerSecond: 250,
    tasks: 6,
    processesPerTask: 1,
    nodes: 3,
    times: { cpu: exponential(0.02), downstream },
  };
  const t0 = performance.now();
  const sims = [1, 2, 3].map(
    (seed) =>
      simulateRouting({
        ...input,
        mode: "perNodeLeastOutstanding",
        seed,
        maxRequests: 400000,
        maxSimulatedSeconds: 1e6,
        warmUpRequests: 20000,
      }).latencySeconds.p99 * 1000,
  );
  const shared =
    simulateRouting({
      ...input,
      mode: "sharedQueue",
      seed: 1,
      maxRequests: 400000,
      maxSimulatedSeconds: 1e6,
      warmUpRequests: 20000,
    }).latencySeconds.p99 * 1000;
  console.log(
    label,
    "sim per-node p99",
    sims.map((x) => x.toFixed(1)).join(", "),
    "| sim shared",
    shared.toFixed(1),
    "| approx per-node",
    (perNodeP99Seconds(input) * 1000).toFixed(1),
    "| approx shared",
    (sharedQueueP99Seconds(input) * 1000).toFixed(1),
    "|",
    ((performance.now() - t0) / 4).toFixed(0),
    "ms per 400k run",
  );
}
