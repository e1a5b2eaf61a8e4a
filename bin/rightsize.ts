import { runCli } from "../lib/cli/run";
import { rightsizeCommand } from "../lib/capacity/rightsizeCommand";

void runCli(rightsizeCommand);
