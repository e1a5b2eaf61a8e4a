/** `npm run test:integration`: it says why it does not run without a deployed stack, and runs jest's integration config with one. */
import * as path from "path";
import { runCommand } from "../../../lib/commands/cli";
import {
  createIntegrationCommand,
  INTEGRATION_SKIPPED,
  INTEGRATION_USAGE,
  runInherited,
} from "../../../lib/commands/integration";
import { PROJECT_DIR } from "../../../lib/commands/schema";
import { captureIo } from "../support/captureIo";
import { describeCommandLineConventions, unreachable } from "../support/commandConventions";

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
    // The same with the real runner: it is never started.
    expect(await runCommand(createIntegrationCommand({}), [], captureIo())).toBe(0);
  });

  it.each([0, 1])(
    "GIVEN outputs and a suite that exits %i THEN it runs jest's integration config under this Node.js and exits the same",
    async (exit) => {
      const run = jest.fn(async () => exit);
      expect(
        await runCommand(createIntegrationCommand({ PAYMENT_STACK_OUTPUTS: "/tmp/outputs.json" }, run), [], captureIo()),
      ).toBe(exit);
      expect(run).toHaveBeenCalledWith(process.execPath, [
        require.resolve("jest/bin/jest"),
        "--config",
        path.join(PROJECT_DIR, "jest.integration.config.js"),
      ]);
    },
  );

  it("GIVEN a program THEN the runner resolves with its exit code, and rejects when it cannot start", async () => {
    await expect(runInherited(process.execPath, ["-e", "process.exit(3)"])).resolves.toBe(3);
    await expect(runInherited(process.execPath, ["-e", "process.kill(process.pid, 'SIGKILL')"])).resolves.toBe(1);
    await expect(runInherited("/nonexistent/jest", [])).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("GIVEN bin/integration.ts WHEN loaded without PAYMENT_STACK_OUTPUTS THEN it prints the skip line and sets exit code 0", async () => {
    const saved = [process.env.PAYMENT_STACK_OUTPUTS, process.exitCode, process.argv] as const;
    delete process.env.PAYMENT_STACK_OUTPUTS;
    process.argv = ["node", "bin/integration.ts"];
    process.exitCode = undefined;
    const write = jest.spyOn(process.stdout, "write").mockImplementation(() => true);
    try {
      await jest.isolateModulesAsync(async () => {
        await import("../../../bin/integration");
        while (process.exitCode === undefined) await new Promise((resolve) => setImmediate(resolve));
      });
      expect(process.exitCode).toBe(0);
      expect(write.mock.calls).toEqual([[`${INTEGRATION_SKIPPED}\n`]]);
    } finally {
      write.mockRestore();
      if (saved[0] !== undefined) process.env.PAYMENT_STACK_OUTPUTS = saved[0];
      process.exitCode = saved[1];
      process.argv = saved[2];
    }
  });
});

describeCommandLineConventions(
  "test:integration",
  () => createIntegrationCommand({ PAYMENT_STACK_OUTPUTS: "/tmp/outputs.json" }, unreachable),
  INTEGRATION_USAGE,
);
