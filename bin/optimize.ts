// `npm run optimize`: lib/commands/optimize.ts.
import { runCli } from "../lib/commands/cli";
import { optimizeCommand } from "../lib/commands/optimize";

void runCli(optimizeCommand);
