/**
 * The files Pulumi and npm run: index.ts exports the stack outputs; bin/*.ts run their command with
 * the process's argv and set its exit code.
 */
import { PROD_CONFIG, qualify } from "../support/runPlatform";

describe("entry points", () => {
  it("GIVEN prod config under the mock engine WHEN index.ts is loaded THEN its exports are the stack outputs", async () => {
    await jest.isolateModulesAsync(async () => {
      const { installMockEngine, resolveOutput } = await import("../../../lib/commands/mockEngine");
      await installMockEngine("payment-platform", "prod", qualify(PROD_CONFIG));
      const outputs = (await import("../../../index")) as unknown as Record<string, unknown>;
      expect(Object.keys(outputs).filter((k) => k !== "default")).toEqual(
        expect.arrayContaining(["clusterName", "albUrl", "dashboardUrls"]),
      );
      expect(await resolveOutput(outputs.clusterName as string)).toBe("ecs-cluster-prod");
    });
  });

  it.each([
    ["plan", ["--help"]],
    ["schema", ["--check"]],
    ["golden", ["--help"]],
    ["verify", ["--help"]],
  ])("GIVEN bin/%s.ts WHEN loaded THEN it runs its command and exits 0", async (bin, argv) => {
    const saved = [process.argv, process.exitCode] as const;
    const write = jest.spyOn(process.stdout, "write").mockImplementation(() => true);
    process.argv = ["node", `bin/${bin}.ts`, ...argv];
    process.exitCode = undefined;
    // Each bin is imported once in this file, so it runs its command on import; the modules the bins
    // share (lib/, @pulumi/pulumi) load once, which keeps this file fast.
    await import(`../../../bin/${bin}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(process.exitCode).toBe(0);
    expect(write).toHaveBeenCalledTimes(1);
    write.mockRestore();
    [process.argv, process.exitCode] = [saved[0], saved[1]];
  });
});
