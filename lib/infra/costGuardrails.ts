/**
 * Cost guardrails after deploy: an AWS Budgets monthly cost budget filtered by the stack's
 * EnvironmentSuffix cost-allocation tag (actual 80% and 100%, forecast 100%), and a Cost Anomaly
 * Detection monitor over the same tag with immediate alerts. Both notify the alarm topic and both are
 * free (https://aws.amazon.com/aws-cost-management/aws-budgets/pricing/,
 * https://aws.amazon.com/aws-cost-management/aws-cost-anomaly-detection/pricing/).
 * The tag must be activated as a cost-allocation tag in the Billing console (docs/runbook.md).
 */
import * as aws from "./aws";
import * as pulumi from "@pulumi/pulumi";
import { physicalName, withSuffix } from "../spec/names";
import { PlatformSpec } from "../spec";
import {
  ANOMALY_ALERT_IMPACT_USD,
  BUDGET_NOTIFICATIONS,
  budgetLimitUsd,
  COST_ALLOCATION_TAG_KEY,
  tagFilterValue,
} from "../design/costGuardrails";

export interface CostGuardrailsArgs {
  alarmTopicArn: pulumi.Input<string>;
  /**
   * The policy that lets AWS Budgets and Cost Anomaly Detection publish to the topic: without it
   * they cannot deliver (https://docs.aws.amazon.com/cost-management/latest/userguide/budgets-sns-policy.html),
   * so the budget and the subscription wait for it.
   */
  alarmTopicPolicy: pulumi.Resource;
  /** The cost model's monthly estimate for this stack (USD). */
  estimatedMonthlyUsd: number;
}

export class CostGuardrails extends pulumi.ComponentResource {
  constructor(spec: PlatformSpec, args: CostGuardrailsArgs, opts?: pulumi.ComponentResourceOptions) {
    const suffix = spec.environmentSuffix;
    super("payment:observability:CostGuardrails", withSuffix("cost-guardrails", suffix), {}, opts);
    const child = { parent: this };
    const afterPolicy = { parent: this, dependsOn: [args.alarmTopicPolicy] };

    new aws.budgets.Budget(
      physicalName("budget", suffix),
      {
        name: physicalName("budget", suffix),
        budgetType: "COST",
        limitAmount: String(budgetLimitUsd(spec, args.estimatedMonthlyUsd)),
        limitUnit: "USD",
        timeUnit: "MONTHLY",
        costFilters: [{ name: "TagKeyValue", values: [tagFilterValue(suffix)] }],
        notifications: BUDGET_NOTIFICATIONS.map((n) => ({
          comparisonOperator: "GREATER_THAN",
          threshold: n.thresholdPercent,
          thresholdType: "PERCENTAGE",
          notificationType: n.notificationType,
          subscriberSnsTopicArns: [args.alarmTopicArn],
        })),
      },
      afterPolicy,
    );

    const monitor = new aws.costexplorer.AnomalyMonitor(
      physicalName("costAnomalyMonitor", suffix),
      {
        name: physicalName("costAnomalyMonitor", suffix),
        monitorType: "CUSTOM",
        monitorSpecification: JSON.stringify({
          Tags: { Key: COST_ALLOCATION_TAG_KEY, Values: [suffix], MatchOptions: ["EQUALS"] },
        }),
      },
      child,
    );
    new aws.costexplorer.AnomalySubscription(
      physicalName("costAnomalySubscription", suffix),
      {
        name: physicalName("costAnomalySubscription", suffix),
        // SNS subscribers require IMMEDIATE alerts.
        frequency: "IMMEDIATE",
        monitorArnLists: [monitor.arn],
        subscribers: [{ type: "SNS", address: args.alarmTopicArn }],
        thresholdExpression: {
          dimension: {
            key: "ANOMALY_TOTAL_IMPACT_ABSOLUTE",
            matchOptions: ["GREATER_THAN_OR_EQUAL"],
            values: [String(ANOMALY_ALERT_IMPACT_USD)],
          },
        },
      },
      afterPolicy,
    );
    this.registerOutputs({});
  }
}
