// `npm run plan`: the offline plan (lib/plan/planCommand.ts).
import { runCli } from "../lib/cli/run";
import { planCommand } from "../lib/plan/planCommand";

void runCli(planCommand);
