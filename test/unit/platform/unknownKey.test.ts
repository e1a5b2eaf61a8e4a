/**
 * The program as `pulumi up` / `preview` runs it refuses a misspelled key before it registers
 * anything: the error is the config layer's did-you-mean message, a RunError (the CLI prints no
 * stack trace), and the engine has seen no resource, not even the root component.
 */
import { DEV_CONFIG, qualify } from "../support/runPlatform";

describe("the program with an unknown key", () => {
  it("GIVEN payment-platform:apiCPU next to aws: and pulumi: keys WHEN the program runs under the engine THEN it throws the did-you-mean error and registers no resource", async () => {
    await jest.isolateModulesAsync(async () => {
      const { installMockEngine } = await import("../../../lib/commands/mockEngine");
      const engine = await installMockEngine(
        "payment-platform",
        "dev",
        qualify({ ...DEV_CONFIG, apiCPU: "512", "aws:region": "us-east-1", "aws:profile": "payments", "pulumi:tags": "{}" }),
      );
      const { runProgram } = await import("../../../lib/program");
      let caught: unknown;
      try {
        runProgram({ transformations: [engine.recordParent] });
      } catch (error) {
        caught = error;
      }
      await engine.settle();
      expect((await import("@pulumi/pulumi")).RunError.isInstance(caught)).toBe(true);
      expect((caught as Error).message).toBe("Invalid stack configuration:\n  - unknown key apiCPU; did you mean apiCpu?");
      expect(engine.resources).toEqual([]);
    });
  });
});
