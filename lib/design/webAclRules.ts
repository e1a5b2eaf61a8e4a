/**
 * The WAFv2 web ACL's rules as data (lib/infra/webFirewall.ts registers them): three AWS managed rule
 * groups and a rate limit per client IP, all blocking in block mode and only counting in count mode
 * (PCI DSS v4 6.4.2). Plain objects in the @pulumi/aws `rules` input shape; no Pulumi SDK here.
 */
import type { WafMode } from "../spec";

/** The one request header the WAF logs never contain: it carries the clients' credentials (lib/infra/webFirewall.ts, verify's WAF check). */
export const REDACTED_HEADER = "authorization";

/** The modes in which the web ACL exists (lib/infra/platform.ts constructs no WebFirewall when wafMode is off). */
export type ActiveWafMode = Exclude<WafMode, "off">;

/**
 * The AWS managed rule groups, in evaluation order, with the web ACL capacity units (WCU) each costs.
 * The IP reputation list goes first: it is the cheapest check and drops known-bad sources before the
 * body inspection of the other two. Capacities from the AWS managed rule groups list
 * (https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-list.html).
 */
export const MANAGED_RULE_GROUPS = [
  { name: "AWSManagedRulesAmazonIpReputationList", capacityUnits: 25 },
  { name: "AWSManagedRulesCommonRuleSet", capacityUnits: 700 },
  { name: "AWSManagedRulesKnownBadInputsRuleSet", capacityUnits: 200 },
] as const;

/**
 * A rate-based rule costs 2 WCU without a scope-down statement
 * (https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-rate-based.html).
 * With the groups above the web ACL uses 927 of the 1,500 WCU the base price includes
 * (https://aws.amazon.com/waf/pricing/).
 */
export const RATE_RULE_CAPACITY_UNITS = 2;

/** The WCU a web ACL may use before WAF bills extra request charges (https://aws.amazon.com/waf/pricing/). */
export const INCLUDED_CAPACITY_UNITS = 1500;

export const RATE_RULE_NAME = "rate-limit-per-client-ip";

/**
 * The rate rule counts requests per client IP over 5 minutes (evaluation windows are 60, 120, 300
 * or 600 s, 300 the default); the lowest limit WAF accepts is 10
 * (https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-rate-based-high-level-settings.html).
 */
export const RATE_EVALUATION_WINDOW_SECONDS = 300;

/**
 * The common rule set's SizeRestrictions_BODY blocks a request whose body is over 8 KB (8,192 bytes),
 * and WAF inspects at most the first 8 KB of a body behind an ALB
 * (https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-baseline.html,
 * https://docs.aws.amazon.com/waf/latest/developerguide/web-request-body-inspection.html). The payment
 * API accepts bodies up to 16 KiB (app/src/validation.ts MAX_BODY_BYTES) but a valid payment has three
 * short fields and stays far below 8 KB (test/unit/design/webAclRules.test.ts builds the largest one),
 * so the rule needs no override: only invalid, padded bodies between 8 and 16 KiB meet a 403 from WAF
 * instead of the service's own 400/413.
 */
export const WAF_BODY_SIZE_LIMIT_BYTES = 8192;

/**
 * Rules of the common rule set that count instead of block. NoUserAgent_HEADER blocks every request
 * without a User-Agent header: a browser always sends one, a payment integration's HTTP client often
 * does not, and neither do this project's own load test (undici Pool.request) and verify checks (Node
 * https.request). An attacker sets any User-Agent, so blocking its absence protects an API nothing
 * while refusing legitimate machine clients; the rule still counts, so the WAF logs show who omits it
 * (https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-baseline.html).
 */
export const COMMON_RULE_SET_COUNT_ONLY = ["NoUserAgent_HEADER"] as const;

type EmptyAction = Record<string, never>;

export interface VisibilityConfig {
  cloudwatchMetricsEnabled: true;
  /** CloudWatch metric name: 1-128 letters, digits, hyphens and underscores; not All or Default_Action. */
  metricName: string;
  sampledRequestsEnabled: true;
}

export interface ManagedRuleGroupRule {
  name: string;
  priority: number;
  /** none: the group's own actions apply (block mode); count: every match only counts. */
  overrideAction: { none: EmptyAction } | { count: EmptyAction };
  statement: {
    managedRuleGroupStatement: {
      name: string;
      vendorName: "AWS";
      ruleActionOverrides?: { name: string; actionToUse: { count: EmptyAction } }[];
    };
  };
  visibilityConfig: VisibilityConfig;
}

export interface RateBasedRule {
  name: string;
  priority: number;
  action: { block: EmptyAction } | { count: EmptyAction };
  statement: {
    rateBasedStatement: { aggregateKeyType: "IP"; limit: number; evaluationWindowSec: number };
  };
  visibilityConfig: VisibilityConfig;
}

export type WebAclRuleDefinition = ManagedRuleGroupRule | RateBasedRule;

/** The web ACL's description, within WAFv2's description rule (lib/aws/nameRules.ts WAFV2_DESCRIPTION_RULE: no parentheses). */
export function webAclDescription(mode: Exclude<WafMode, "off">): string {
  return `Payment API, ${mode} mode: AWS managed rule groups and a per-client-IP rate limit`;
}

/** Metrics and sampled requests on, under the rule's own name (the web ACL's name is their other dimension). */
export function visibility(metricName: string): VisibilityConfig {
  return { cloudwatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true };
}

/** Rule priorities 10 apart, so a rule can be put between two without renumbering the others. */
const PRIORITY_STEP = 10;

/**
 * The web ACL's rules for a mode: the IP reputation list, then the rate limit (so a flood is cut
 * before the body inspection of the other two groups), then the common rule set and the known bad
 * inputs. Every rule is evaluated in count mode, since a count is not terminating.
 */
export function webAclRules(waf: { mode: ActiveWafMode; rateLimitPerFiveMinutes: number }): WebAclRuleDefinition[] {
  const overrideAction = waf.mode === "block" ? { none: {} } : { count: {} };
  const managed = (group: (typeof MANAGED_RULE_GROUPS)[number], priority: number): ManagedRuleGroupRule => ({
    name: group.name,
    priority,
    overrideAction,
    statement: {
      managedRuleGroupStatement: {
        name: group.name,
        vendorName: "AWS",
        ...(group.name === "AWSManagedRulesCommonRuleSet"
          ? { ruleActionOverrides: COMMON_RULE_SET_COUNT_ONLY.map((name) => ({ name, actionToUse: { count: {} } })) }
          : {}),
      },
    },
    visibilityConfig: visibility(group.name),
  });
  const [ipReputation, common, knownBadInputs] = MANAGED_RULE_GROUPS;
  const rateLimit: RateBasedRule = {
    name: RATE_RULE_NAME,
    priority: 2 * PRIORITY_STEP,
    action: waf.mode === "block" ? { block: {} } : { count: {} },
    statement: {
      rateBasedStatement: {
        aggregateKeyType: "IP",
        limit: waf.rateLimitPerFiveMinutes,
        evaluationWindowSec: RATE_EVALUATION_WINDOW_SECONDS,
      },
    },
    visibilityConfig: visibility(RATE_RULE_NAME),
  };
  return [
    managed(ipReputation, PRIORITY_STEP),
    rateLimit,
    managed(common, 3 * PRIORITY_STEP),
    managed(knownBadInputs, 4 * PRIORITY_STEP),
  ];
}

/** The web ACL capacity units the rules use (they must stay within INCLUDED_CAPACITY_UNITS to avoid extra charges). */
export function webAclCapacityUnits(): number {
  return MANAGED_RULE_GROUPS.reduce((sum, group) => sum + group.capacityUnits, RATE_RULE_CAPACITY_UNITS);
}
