import { runCli } from "../lib/cli/run";
import { optimizeCommand } from "../lib/capacity/optimizeCommand";

void runCli(optimizeCommand);
