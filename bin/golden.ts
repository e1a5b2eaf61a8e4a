// `npm run golden`: lib/commands/golden.ts.
import { runCli } from "../lib/commands/cli";
import { goldenCommand } from "../lib/commands/golden";

void runCli(goldenCommand);
