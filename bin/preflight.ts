// `npm run preflight`: lib/commands/preflight.ts.
import { runCli } from "../lib/commands/cli";
import { preflightCommand } from "../lib/commands/preflight";

void runCli(preflightCommand);
