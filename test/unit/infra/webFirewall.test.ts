/**
 * The WebFirewall component under the mock engine, constructed once as the program would with a
 * staging spec (wafMode block by default): the web ACL and its ALB association, the WAF log group
 * and its resource policy, the logging configuration with the authorization header redacted, and the
 * log group's place in the stack's log-group and KMS lists.
 */
import type { MockEngine } from "../../../lib/commands/mockEngine";
import type { RecordedResource } from "../../../lib/commands/registrations";
import type { PlatformSpec } from "../../../lib/spec";
import { logGroupDefinitions } from "../../../lib/design/logGroups";
import { encryptedLogGroupNames } from "../../../lib/infra/encryptedLogGroups";
import { resolveValues } from "../support/configSource";
import { countByType, json, PROJECT, qualify } from "../support/runPlatform";

const ACCOUNT = "123456789012";
const ALB_ARN = `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:loadbalancer/app/payment-alb-qa/50dc6c495c0c9188`;
const KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const LOG_GROUP = "aws-waf-logs-payment-qa";
/** The mock engine's synthetic ARN: arn:aws:<type token's module>:us-east-1:<account>:<type>/<logical name>. */
const mockArn = (service: string, type: string, name: string) => `arn:aws:${service}:us-east-1:${ACCOUNT}:${type}/${name}`;

const staging = resolveValues({ environment: "staging", environmentSuffix: "qa" });
let engine: MockEngine;
let outputs: { wafLogGroupName: string; wafLogGroupArn: string; webAclArn: string };

async function construct(spec: PlatformSpec) {
  const { installMockEngine, resolveOutput } = await import("../../../lib/commands/mockEngine");
  const mock = await installMockEngine(PROJECT, "test", qualify({ environment: "staging", environmentSuffix: "qa" }));
  const { WebFirewall } = await import("../../../lib/infra/webFirewall");
  const created = new WebFirewall(
    spec,
    { albArn: ALB_ARN, kmsKeyArn: KEY_ARN, accountId: ACCOUNT },
    { transformations: [mock.recordParent] },
  );
  await mock.settle();
  return { mock, created, resolveOutput };
}

beforeAll(async () => {
  const { mock, created, resolveOutput } = await construct(staging);
  engine = mock;
  outputs = {
    wafLogGroupName: await resolveOutput(created.wafLogGroupName),
    wafLogGroupArn: await resolveOutput(created.wafLogGroupArn),
    webAclArn: await resolveOutput(created.webAclArn),
  };
});

const one = (type: string): RecordedResource => {
  const found = engine.ofType(type);
  expect(found).toHaveLength(1);
  return found[0];
};

describe("WebFirewall", () => {
  it("GIVEN a staging spec (block mode) WHEN constructed THEN it registers exactly one web ACL, association, log group, resource policy and logging configuration under the component", () => {
    expect(countByType(engine)).toEqual({
      "payment:security:WebFirewall": 1,
      "aws:wafv2/webAcl:WebAcl": 1,
      "aws:wafv2/webAclAssociation:WebAclAssociation": 1,
      "aws:cloudwatch/logGroup:LogGroup": 1,
      "aws:cloudwatch/logResourcePolicy:LogResourcePolicy": 1,
      "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration": 1,
    });
    expect(engine.resources.filter((r) => r.custom).map((r) => r.parent)).toEqual(Array(5).fill("web-firewall-qa"));
  });

  it("GIVEN block mode WHEN the web ACL is registered THEN it is REGIONAL, allows by default, carries the four blocking rules and its own metrics", () => {
    const acl = one("aws:wafv2/webAcl:WebAcl");
    expect(acl.name).toBe("payment-waf-qa");
    expect(acl.inputs).toMatchObject({
      name: "payment-waf-qa",
      scope: "REGIONAL",
      defaultAction: { allow: {} },
      visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: "payment-waf-qa", sampledRequestsEnabled: true },
    });
    const rules = acl.inputs.rules as { name: string; priority: number; action?: object; overrideAction?: object }[];
    expect(rules.map((r) => [r.name, r.priority, r.overrideAction ?? r.action])).toEqual([
      ["AWSManagedRulesAmazonIpReputationList", 10, { none: {} }],
      ["rate-limit-per-client-ip", 20, { block: {} }],
      ["AWSManagedRulesCommonRuleSet", 30, { none: {} }],
      ["AWSManagedRulesKnownBadInputsRuleSet", 40, { none: {} }],
    ]);
    expect(rules[1]).toMatchObject({
      statement: { rateBasedStatement: { aggregateKeyType: "IP", limit: 30000, evaluationWindowSec: 300 } },
    });
  });

  it("GIVEN the ALB's ARN WHEN the association is registered THEN it joins that ALB (resourceArn) to the web ACL", () => {
    expect(one("aws:wafv2/webAclAssociation:WebAclAssociation").inputs).toEqual({
      resourceArn: ALB_ARN,
      webAclArn: outputs.webAclArn,
    });
    expect(outputs.webAclArn).toBe(mockArn("wafv2", "webacl", "payment-waf-qa"));
  });

  it("GIVEN WAF's naming rule WHEN the log group is registered THEN it is aws-waf-logs-payment-qa, Standard class, kept logRetentionDays and encrypted with the stack key, replaced delete-first", () => {
    const group = one("aws:cloudwatch/logGroup:LogGroup");
    expect(group.inputs).toEqual({
      name: LOG_GROUP,
      retentionInDays: staging.observability.logRetentionDays,
      kmsKeyId: KEY_ARN,
      logGroupClass: "STANDARD",
    });
    expect(group.options).toEqual({ deleteBeforeReplace: true });
    expect(outputs.wafLogGroupName).toBe(LOG_GROUP);
    // The provider's form, which the mock engine reproduces: no trailing ":*".
    expect(outputs.wafLogGroupArn).toBe(`arn:aws:logs:us-east-1:123456789012:log-group:${LOG_GROUP}`);
  });

  it("GIVEN the log group WHEN the resource policy is registered THEN only delivery.logs.amazonaws.com may write its streams, for this account's deliveries", () => {
    const policy = one("aws:cloudwatch/logResourcePolicy:LogResourcePolicy");
    expect(policy.inputs.policyName).toBe("payment-waf-log-delivery-qa");
    expect(json(policy.inputs.policyDocument)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "WafLogDeliveryToThisGroupOnly",
          Effect: "Allow",
          Principal: { Service: "delivery.logs.amazonaws.com" },
          Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
          Resource: `${outputs.wafLogGroupArn}:*`,
          Condition: {
            StringEquals: { "aws:SourceAccount": ACCOUNT },
            ArnLike: { "aws:SourceArn": `arn:aws:logs:us-east-1:${ACCOUNT}:*` },
          },
        },
      ],
    });
    // CloudWatch Logs refuses a resource policy over 5,120 characters (PutResourcePolicy).
    expect((policy.inputs.policyDocument as string).length).toBeLessThan(5120);
  });

  it("GIVEN the logging configuration WHEN registered THEN it sends to the group's ARN without ':*', redacts the authorization header, keeps only blocked and counted requests (the ALB access logs hold every request) and waits for the resource policy (else WAF writes the account-wide AWSWAF-LOGS policy itself)", () => {
    const logging = one("aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration");
    expect(logging.inputs).toEqual({
      resourceArn: outputs.webAclArn,
      logDestinationConfigs: [outputs.wafLogGroupArn],
      redactedFields: [{ singleHeader: { name: "authorization" } }],
      loggingFilter: {
        defaultBehavior: "DROP",
        filters: [
          {
            behavior: "KEEP",
            requirement: "MEETS_ANY",
            conditions: [
              { actionCondition: { action: "BLOCK" } },
              { actionCondition: { action: "COUNT" } },
              { actionCondition: { action: "EXCLUDED_AS_COUNT" } },
            ],
          },
        ],
      },
    });
    expect(outputs.wafLogGroupArn.endsWith(":*")).toBe(false);
    expect(logging.options).toEqual({ dependsOn: ["payment-waf-log-delivery-qa"] });
  });

  it("GIVEN count mode and a limit of 500 WHEN constructed THEN every rule only counts and the rate rule uses 500", async () => {
    const counting = resolveValues({
      environment: "staging",
      environmentSuffix: "qa",
      wafMode: "count",
      wafRateLimitPerFiveMinutes: "500",
    });
    const { mock } = await construct(counting);
    const rules = mock.ofType("aws:wafv2/webAcl:WebAcl")[0].inputs.rules as {
      action?: object;
      overrideAction?: object;
      statement: object;
    }[];
    expect(rules.map((r) => r.overrideAction ?? r.action)).toEqual(Array(4).fill({ count: {} }));
    expect(rules[1].statement).toEqual({ rateBasedStatement: { aggregateKeyType: "IP", limit: 500, evaluationWindowSec: 300 } });
  });

  it("GIVEN wafMode off WHEN the component is constructed anyway THEN it refuses, naming the setting", async () => {
    const off = resolveValues({ environment: "dev", environmentSuffix: "qa" });
    await expect(construct(off)).rejects.toThrow(
      "WebFirewall: spec.compliance.waf.mode is off; construct the web firewall only when wafMode is count or block",
    );
  });
});

describe("the WAF log group in the stack's lists", () => {
  const names = (spec: PlatformSpec) => logGroupDefinitions(spec).map((d) => d.name);

  it("GIVEN WAF on (staging) THEN the verify check's log groups and the KMS key's encrypted groups include it, at logRetentionDays and Standard class", () => {
    expect(logGroupDefinitions(staging).find((d) => d.name === LOG_GROUP)).toEqual({
      name: LOG_GROUP,
      retentionDays: staging.observability.logRetentionDays,
      logClass: "STANDARD",
    });
    expect(encryptedLogGroupNames(staging)).toContain(LOG_GROUP);
  });

  it("GIVEN WAF off (dev) THEN neither list names it: the key policy grants CloudWatch Logs only groups that exist", () => {
    const dev = resolveValues({ environment: "dev", environmentSuffix: "qa" });
    expect(names(dev)).not.toContain(LOG_GROUP);
    expect(encryptedLogGroupNames(dev)).not.toContain(LOG_GROUP);
    expect(names(dev).length).toBe(names(staging).length - 1);
  });
});
