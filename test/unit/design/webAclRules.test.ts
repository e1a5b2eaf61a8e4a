/**
 * The web ACL's rules as data: the three AWS managed rule groups and the per-IP rate limit, blocking
 * or counting by mode, in a fixed order, within WAF's metric-name and capacity limits.
 */
import {
  INCLUDED_CAPACITY_UNITS,
  WAF_BODY_SIZE_LIMIT_BYTES,
  webAclCapacityUnits,
  webAclDescription,
  webAclRules,
} from "../../../lib/design/webAclRules";
import { WAFV2_DESCRIPTION_RULE } from "../../../lib/aws/nameRules";

const count = { count: {} };
const visibility = (metricName: string) => ({ cloudwatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true });

describe("webAclRules", () => {
  it("GIVEN block mode and a limit of 30000 WHEN the rules are built THEN IP reputation, the blocking rate limit, the common rule set (NoUserAgent_HEADER counting) and known bad inputs follow in priorities 10-40", () => {
    expect(webAclRules({ mode: "block", rateLimitPerFiveMinutes: 30000 })).toEqual([
      {
        name: "AWSManagedRulesAmazonIpReputationList",
        priority: 10,
        overrideAction: { none: {} },
        statement: { managedRuleGroupStatement: { name: "AWSManagedRulesAmazonIpReputationList", vendorName: "AWS" } },
        visibilityConfig: visibility("AWSManagedRulesAmazonIpReputationList"),
      },
      {
        name: "rate-limit-per-client-ip",
        priority: 20,
        action: { block: {} },
        statement: { rateBasedStatement: { aggregateKeyType: "IP", limit: 30000, evaluationWindowSec: 300 } },
        visibilityConfig: visibility("rate-limit-per-client-ip"),
      },
      {
        name: "AWSManagedRulesCommonRuleSet",
        priority: 30,
        overrideAction: { none: {} },
        statement: {
          managedRuleGroupStatement: {
            name: "AWSManagedRulesCommonRuleSet",
            vendorName: "AWS",
            ruleActionOverrides: [{ name: "NoUserAgent_HEADER", actionToUse: count }],
          },
        },
        visibilityConfig: visibility("AWSManagedRulesCommonRuleSet"),
      },
      {
        name: "AWSManagedRulesKnownBadInputsRuleSet",
        priority: 40,
        overrideAction: { none: {} },
        statement: { managedRuleGroupStatement: { name: "AWSManagedRulesKnownBadInputsRuleSet", vendorName: "AWS" } },
        visibilityConfig: visibility("AWSManagedRulesKnownBadInputsRuleSet"),
      },
    ]);
  });

  it("GIVEN count mode WHEN the rules are built THEN every group's override and the rate rule's action are count, with the configured limit", () => {
    const rules = webAclRules({ mode: "count", rateLimitPerFiveMinutes: 100 });
    expect(rules.map((r) => ("overrideAction" in r ? r.overrideAction : r.action))).toEqual([count, count, count, count]);
    expect(rules[1]).toMatchObject({ statement: { rateBasedStatement: { limit: 100 } } });
  });

  it("GIVEN the rules WHEN their metric names are checked THEN each fits WAF's rule (1-128 of [A-Za-z0-9_-], not All or Default_Action) and is unique", () => {
    const names = webAclRules({ mode: "block", rateLimitPerFiveMinutes: 30000 }).map((r) => r.visibilityConfig.metricName);
    expect(names.filter((n) => !/^[A-Za-z0-9_-]{1,128}$/.test(n) || n === "All" || n === "Default_Action")).toEqual([]);
    expect(new Set(names).size).toBe(4);
  });

  it("GIVEN the managed groups' capacities THEN the web ACL uses 927 WCU, within the 1,500 the base price includes", () => {
    expect(webAclCapacityUnits()).toBe(927);
    expect(webAclCapacityUnits()).toBeLessThanOrEqual(INCLUDED_CAPACITY_UNITS);
  });
});

describe("SizeRestrictions_BODY against the payment API", () => {
  it("GIVEN the largest valid payment (largest amount, a 64-character reference of escaped 4-byte characters) WHEN serialized THEN it is under WAF's 8 KB body rule, so the common rule set needs no override", async () => {
    const { validatePaymentRequest } = await import("../../../app/src/validation");
    // Each astral character JSON-escapes to a surrogate pair, 12 bytes: the longest a character gets.
    const reference = "\u{1F600}".repeat(64);
    const body = JSON.stringify({ amount: Number.MAX_SAFE_INTEGER, currency: "EUR", reference }).replace(
      /[\u{10000}-\u{10FFFF}]/gu,
      (c) =>
        c
          .split("")
          .map((u) => `\\u${u.charCodeAt(0).toString(16)}`)
          .join(""),
    );
    expect(validatePaymentRequest(JSON.parse(body))).toEqual({ amount: Number.MAX_SAFE_INTEGER, currency: "EUR", reference });
    expect(Buffer.byteLength(body)).toBe(827);
    expect(Buffer.byteLength(body)).toBeLessThan(WAF_BODY_SIZE_LIMIT_BYTES);
  });
});

describe("the web ACL's description against WAFv2's description rule", () => {
  it.each(["block", "count"] as const)(
    "GIVEN %s mode THEN the description passes CreateWebACL's pattern and length (a parenthesis would fail the first pulumi up)",
    (mode) => {
      const description = webAclDescription(mode);
      expect(description).toBe(`Payment API, ${mode} mode: AWS managed rule groups and a per-client-IP rate limit`);
      expect(WAFV2_DESCRIPTION_RULE.pattern.test(description)).toBe(true);
      expect(description.length).toBeLessThanOrEqual(WAFV2_DESCRIPTION_RULE.maxLength);
    },
  );

  it.each(["Payment API (block mode)", "Payment API's ACL", " leading space", "trailing space "])(
    "GIVEN %j THEN the rule refuses it, as WAF does",
    (description) => {
      expect(WAFV2_DESCRIPTION_RULE.pattern.test(description)).toBe(false);
    },
  );
});
