/** `npm run bench:startup [-- --runs 10]`: the entry point of bench/startupBench.ts. */
import { runCli } from "../lib/commands/cli";
import { startupBenchCommand } from "./startupBench";

void runCli(startupBenchCommand);
