// `npm run test:integration`: lib/commands/integration.ts.
import { runCli } from "../lib/commands/cli";
import { createIntegrationCommand } from "../lib/commands/integration";

void runCli(createIntegrationCommand(process.env));
