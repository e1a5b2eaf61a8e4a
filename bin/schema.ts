// `npm run schema [-- --check | --write]`: lib/commands/schema.ts.
import { runCli } from "../lib/commands/cli";
import { schemaCommand } from "../lib/commands/schema";

void runCli(schemaCommand);
