/** `npm run test:integration`: it says why it does not run without a deployed stack, and runs jest's integration config with one. */
import * as path from "path";
import { runCommand } from "../../../lib/commands/cli";
import { createIntegrationCommand, INTEGRATION_SKIPPED } from "../../../lib/commands/integration";
import { PROJECT_DIR } from "../../../lib/commands/schema";
import { captureIo } from "../support/captureIo";

describe("the integration suite's command", () => {
  it("GIVEN no PAYMENT_STACK_OUTPUTS THEN it prints the one line saying why and how, runs nothing, and exits 0", async () => {
    const io = captureIo();
    const run = jest.fn();
    expect(await runCommand(createIntegrationCommand({}, run), [], io)).toBe(0);
    expect(io.stdout).toEqual([INTEGRATION_SKIPPED]);
    expect(INTEGRATION_SKIPPED).toBe(
      "integration suite not run: no deployed stack given. Set PAYMENT_STACK_OUTPUTS=<file written by `pulumi stack output --json --show-secrets --stack <name>`> and PAYMENT_STACK=<name> (default dev), with AWS credentials for the stack's account.",
    );
    expect(run).not.toHaveBeenCalled();
  });

  it.each([
    [true, 0],
    [false, 1],
  ])("GIVEN outputs and a suite that passes: %s THEN it runs jest.integration.config.js and exits %i", async (passed, code) => {
    const run = jest.fn(async () => passed);
    expect(await runCommand(createIntegrationCommand({ PAYMENT_STACK_OUTPUTS: "/tmp/outputs.json" }, run), [], captureIo())).toBe(
      code,
    );
    expect(run).toHaveBeenCalledWith(path.join(PROJECT_DIR, "jest.integration.config.js"));
  });
});
