/**
 * The integration suite: every verify check as a test against a deployed stack, then a short load
 * test of its payments API. `npm run test:integration` (bin/integration.ts) runs it only when
 * PAYMENT_STACK_OUTPUTS names a file of `pulumi stack output --json --show-secrets`; PAYMENT_STACK
 * names the stack (default dev), whose Pulumi.<stack>.yaml gives the configuration to check against.
 * It needs AWS credentials for the stack's account with the policy in docs/deployment.md.
 */
import { createAwsClients } from "../../lib/checks/awsClients";
import { callerIdentity } from "../../lib/checks/callerIdentity";
import { runChecks } from "../../lib/checks/runChecks";
import { createVerifyContext, VerifyContext } from "../../lib/checks/verify/verifyContext";
import { VERIFY_CHECKS } from "../../lib/checks/verify/verifyChecks";
import { INTEGRATION_ENV } from "../../lib/commands/integration";
import { PROJECT_DIR } from "../../lib/commands/schema";
import { loadStack } from "../../lib/commands/stackConfig";
import { readOutputsFile } from "../../lib/commands/stackOutputsSource";
import { checkOutputsMatch } from "../../lib/commands/verify";
import { runLoadTest } from "../../lib/loadtest/loadTest";
import { webService } from "../../lib/spec";

const stack = process.env[INTEGRATION_ENV.stack] || "dev";
const outputsFile = process.env[INTEGRATION_ENV.outputs]!;
const { spec } = loadStack(PROJECT_DIR, stack, []);
const outputs = readOutputsFile(outputsFile);
checkOutputsMatch(spec, outputs, outputsFile);
const clients = createAwsClients("us-east-1");
let context: VerifyContext;

beforeAll(async () => {
  context = createVerifyContext(spec, outputs, clients, await callerIdentity(clients), {
    now: new Date(),
    latencyWindowMinutes: 15,
    skipPayment: false,
  });
});
afterAll(() => clients.destroy());

describe(`stack ${stack} as deployed`, () => {
  it.each(VERIFY_CHECKS.map((check) => [check.id, check] as const))(
    "GIVEN the deployed stack WHEN verify's %s runs THEN nothing fails",
    async (_id, check) => {
      const results = await runChecks([check], context);
      // The failures with what was expected, what was found and what to do: the test's message.
      expect(results.filter((r) => r.status === "fail")).toEqual([]);
    },
  );

  /**
   * A short, bounded open-model run at a rate the stack's minimum serves comfortably: every request
   * answers 2xx. The rate is a tenth of the night rate, at least 5 rps. Its p99 is the caller's (the
   * runner's internet path and TLS handshakes included), so it is printed, not held to targetP99Ms:
   * the target side's p99 is verify's slo.latency check above, from CloudWatch.
   * Only for the reference service: a team's own image has its own API, which this traffic does not know.
   */
  if (webService(spec).container.source === "reference") {
    it("GIVEN a short load test of the payments API THEN every request is answered with a 2xx", async () => {
      const report = await runLoadTest({
        origin: context.http.baseUrl,
        rps: Math.max(5, Math.round(spec.workload.nightRps / 10)),
        durationSeconds: 10,
        connections: 16,
        createPercent: Math.round(spec.workload.paymentCreateFraction * 100),
        insecure: !context.http.verifyCertificate,
        serverName: context.http.serverName,
        timeoutMs: context.http.timeoutMs,
      });
      expect({ failures: report.failures, timeouts: report.timeouts, answered: report.achieved.responses }).toEqual({
        failures: 0,
        timeouts: 0,
        answered: report.requested.requests,
      });
      console.log(
        `load test from this runner: p50 ${report.latencyMs.p50} ms, p99 ${report.latencyMs.p99} ms over ${report.latencyMs.count} requests`,
      );
    });
  }
});
