// `npm run plan`: lib/commands/plan/planCommand.ts.
import { runCli } from "../lib/commands/cli";
import { planCommand } from "../lib/commands/plan/planCommand";

void runCli(planCommand);
