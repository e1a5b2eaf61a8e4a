/**
 * The key policy as the shipped stacks register it: CloudWatch Logs may use the key for exactly the
 * log groups the stack encrypts with it (service, audit, Container Insights' and, with WAF on, WAF's),
 * read from the registrations themselves (every LogGroup with a kmsKeyId, and nothing else), and the
 * account root administers it without using it.
 */
import { encryptedLogGroupNames } from "../../../lib/infra/encryptedLogGroups";
import type { PolicyDocument } from "../../../lib/infra/policies";
import { goldenRun, json } from "../support/runPlatform";

const ACCOUNT = "123456789012";

describe.each(["dev", "staging", "prod"] as const)("%s stack key policy", (label) => {
  const run = goldenRun(label);
  const [key] = run.engine.ofType("aws:kms/key:Key");
  const policy = json<PolicyDocument>(key.inputs.policy);
  const statement = (sid: string) => policy.Statement.find((s) => s.Sid === sid);

  it("THEN CloudWatch Logs may use the key for exactly the registered log groups encrypted with it", () => {
    const encrypted = run.engine
      .ofType("aws:cloudwatch/logGroup:LogGroup")
      .filter((group) => group.inputs.kmsKeyId !== undefined)
      .map((group) => `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${String(group.inputs.name)}`);
    const allowed = statement("CloudWatchLogsForThisStacksLogGroups")?.Condition?.ArnEquals["kms:EncryptionContext:aws:logs:arn"];
    expect([...(allowed as string[])].sort()).toEqual([...encrypted].sort());
    expect(allowed).toEqual(
      encryptedLogGroupNames(run.spec).map((name) => `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${name}`),
    );
    // Container Insights' group, the two services' groups, their two audit groups, and the WAF's where
    // wafMode is not off (staging and prod block, dev is off): 3 + 2 (+ 1).
    const suffix = label;
    expect(allowed).toEqual(
      [
        `/aws/ecs/containerinsights/ecs-cluster-${suffix}/performance`,
        `/ecs/payment-api-${suffix}`,
        `/ecs/payment-worker-${suffix}`,
        `/ecs/payment-api-audit-${suffix}`,
        `/ecs/payment-worker-audit-${suffix}`,
        ...(label === "dev" ? [] : [`aws-waf-logs-payment-${suffix}`]),
      ].map((name) => `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${name}`),
    );
    expect(allowed).toHaveLength(label === "dev" ? 3 + 2 : 3 + 2 + 1);
  });

  it("THEN only the account root administers the key (no kmsAdminPrincipalArn is set), with no cryptographic action", () => {
    const administrators = policy.Statement.filter((s) => s.Principal?.AWS !== undefined && s.Principal.AWS !== "*");
    expect(administrators.map((s) => [s.Sid, s.Principal?.AWS])).toEqual([
      ["AccountAdministersKeyThroughIam", `arn:aws:iam::${ACCOUNT}:root`],
    ]);
    expect(administrators[0].Action.filter((a) => /Encrypt|Decrypt|GenerateDataKey|CreateGrant/.test(a))).toEqual([]);
  });
});
