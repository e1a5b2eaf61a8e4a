/**
 * Prints the approximation-vs-simulation table of docs/slo-model.md (section 10) (markdown).
 * Run from the repository root: npx ts-node --transpile-only bench/routing/routingErrorTable.ts [requests] [seed]
 * With the defaults (60000 requests, seed 11) it is the same grid and runs as
 * test/unit/models/slo/routingApproximation.test.ts.
 */
import { perNodeP99Seconds, sharedQueueP99Seconds } from "../../lib/models/slo/routingApproximation";
import { simulateRouting } from "../../lib/models/slo/routingSimulation";
import { deterministic, exponential } from "../../lib/models/slo/serviceTime";

const requests = Number(process.argv[2] ?? 60000);
const seed = Number(process.argv[3] ?? 11);
const times = { cpu: exponential(0.01), downstream: deterministic(0.03) };
const ms = (seconds: number) => (seconds * 1000).toFixed(1);
console.log(
  "| tasks | nodes | utilization | shared queue p99 (ms) | per-node simulated p99 (ms) | approximation p99 (ms) | error |",
);
console.log("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const tasks of [2, 6, 19])
  for (const nodes of [2, 3])
    for (const rho of [0.3, 0.6, 0.85]) {
      const input = { arrivalsPerSecond: (rho * tasks) / 0.01, tasks, processesPerTask: 1, nodes, times };
      const simulated = simulateRouting({
        ...input,
        mode: "perNodeLeastOutstanding",
        seed,
        maxRequests: requests,
        maxSimulatedSeconds: 1e6,
        warmUpRequests: Math.floor(requests / 20),
      });
      const approx = perNodeP99Seconds(input);
      const error = (approx / simulated.latencySeconds.p99 - 1) * 100;
      console.log(
        `| ${tasks} | ${nodes} | ${rho} | ${ms(sharedQueueP99Seconds(input))} | ${ms(simulated.latencySeconds.p99)} | ${ms(approx)} | ${error >= 0 ? "+" : ""}${error.toFixed(1)}% |`,
      );
    }
