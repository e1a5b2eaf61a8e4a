// `npm run verify`: lib/commands/verify.ts.
import { runCli } from "../lib/commands/cli";
import { verifyCommand } from "../lib/commands/verify";

void runCli(verifyCommand);
