/** Supplementary error ranges of docs/slo-model.md (section 10): npx ts-node --transpile-only bench/routing/routingErrorProfiles.ts 100000 0,1,2,3 (from the repository root; TSV per grid point). */
import { simulateRouting } from "../../lib/models/slo/routingSimulation";
import { exponential, deterministic, lognormal, ServiceTimeDistribution } from "../../lib/models/slo/serviceTime";
import { perNodeP99Seconds, sharedQueueP99Seconds, perNodeWait } from "../../lib/models/slo/routingApproximation";
const h = 0.01;
const requests = Number(process.argv[2] ?? 100000);
const profiles: [string, ServiceTimeDistribution, ServiceTimeDistribution][] = [
  ["exp10+det30", exponential(h), deterministic(0.03)],
  ["exp10+ln30cv1", exponential(h), lognormal(0.03, 1)],
  ["ln10cv1.5+ln30cv1", lognormal(h, 1.5), lognormal(0.03, 1)],
  ["exp10+none", exponential(h), deterministic(0)],
];
const sel = (process.argv[3] ?? "0,1,2,3").split(",").map(Number);
console.log("profile\tprocesses\ttasks\tnodes\trho\tsimP99ms\tapproxP99ms\terr%\tsharedApproxMs\tsimPi\tapproxPi\tms");
for (const i of sel) {
  const [name, cpu, downstream] = profiles[i];
  for (const c of [1, 2])
    for (const T of [2, 6, 19])
      for (const N of [2, 3])
        for (const rho of [0.3, 0.5, 0.7, 0.85]) {
          const input = {
            arrivalsPerSecond: (rho * T * c) / h,
            tasks: T,
            processesPerTask: c,
            nodes: N,
            times: { cpu, downstream },
          };
          const sim = simulateRouting({
            ...input,
            mode: "perNodeLeastOutstanding",
            seed: 11,
            maxRequests: requests,
            maxSimulatedSeconds: 1e6,
            warmUpRequests: Math.floor(requests / 20),
          });
          const t0 = performance.now();
          const approx = perNodeP99Seconds(input);
          const ms = performance.now() - t0;
          const w = perNodeWait(input);
          console.log(
            [
              name,
              c,
              T,
              N,
              rho,
              (sim.latencySeconds.p99 * 1000).toFixed(1),
              (approx * 1000).toFixed(1),
              ((approx / sim.latencySeconds.p99 - 1) * 100).toFixed(1),
              (sharedQueueP99Seconds(input) * 1000).toFixed(1),
              sim.waitedShare.toFixed(3),
              w.waitProbability.toFixed(3),
              ms.toFixed(2),
            ].join("\t"),
          );
        }
}
