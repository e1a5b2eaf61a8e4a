// `npm run schema`: regenerate Pulumi.yaml's config schema from lib/configKeys.ts.
import { runCli } from "../lib/cli/run";
import { schemaCommand } from "../lib/plan/projectSchema";

void runCli(schemaCommand);
