// `npm run loadtest`: lib/commands/loadtest.ts.
import { runCli } from "../lib/commands/cli";
import { loadtestCommand } from "../lib/commands/loadtest";

void runCli(loadtestCommand);
