// `npm run golden [-- --update]`: check or rewrite test/golden/ (lib/plan/golden.ts).
import { runCli } from "../lib/cli/run";
import { goldenCommand } from "../lib/plan/golden";

void runCli(goldenCommand);
