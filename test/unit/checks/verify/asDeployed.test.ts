import { runChecks } from "../../../../lib/checks/runChecks";
import { latencyCheck } from "../../../../lib/checks/verify/latencyCheck";
import { AWS_VERIFY_CHECKS } from "../../../../lib/checks/verify/verifyChecks";
import { answerAsDeployed, awsMocks, AwsMocks } from "../support/deployedStack";
import { stackSpec, verifyContext } from "./support";

let mocks: AwsMocks;
beforeEach(() => {
  mocks = awsMocks();
});
afterEach(() => mocks.restore());

describe("verify against a stack deployed exactly as the program registers it", () => {
  it.each(["dev", "staging", "prod"])(
    "GIVEN %s as its golden registrations WHEN every AWS check runs THEN every finding passes",
    async (stack) => {
      answerAsDeployed(mocks, stackSpec(stack), stack);
      const results = await runChecks([...AWS_VERIFY_CHECKS, latencyCheck], verifyContext(stack));
      const notPassing = results.filter((r) => r.status !== "pass");
      expect(notPassing).toEqual([]);
      expect(results.length).toBeGreaterThan(0);
    },
  );
});
