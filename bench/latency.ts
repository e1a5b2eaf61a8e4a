/** `npm run bench:latency [-- --work-ms 10 --seconds 10]`: the entry point of bench/latencyBench.ts. */
import { runCli } from "../lib/commands/cli";
import { latencyBenchCommand } from "./latencyBench";

void runCli(latencyBenchCommand);
