// `npm run rightsize`: lib/commands/rightsize.ts.
import { runCli } from "../lib/commands/cli";
import { rightsizeCommand } from "../lib/commands/rightsize";

void runCli(rightsizeCommand);
