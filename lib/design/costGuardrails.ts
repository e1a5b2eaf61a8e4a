/**
 * The cost guardrails as data: the budget's limit and notifications and the tag both the budget and
 * the anomaly monitor filter on. lib/infra/costGuardrails.ts builds them; preflight checks the tag is
 * an active cost-allocation tag and verify reads the deployed budget back against the same limit.
 */
import { PlatformSpec } from "../spec";

/**
 * The tag the budget and the anomaly monitor filter on (one of the stack's cost-allocation tags). It
 * must be activated in the Billing console before either sees any cost
 * (https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/activating-tags.html).
 */
export const COST_ALLOCATION_TAG_KEY = "EnvironmentSuffix";

/** Anomalies with at least this total impact (USD) alert on-call: smaller ones are noise at this size. */
export const ANOMALY_ALERT_IMPACT_USD = 10;

export interface BudgetNotification {
  notificationType: "ACTUAL" | "FORECASTED";
  thresholdPercent: number;
}

export const BUDGET_NOTIFICATIONS: readonly BudgetNotification[] = [
  { notificationType: "ACTUAL", thresholdPercent: 80 },
  { notificationType: "ACTUAL", thresholdPercent: 100 },
  { notificationType: "FORECASTED", thresholdPercent: 100 },
];

/** Headroom of the default budget over the cost model's estimate: normal variation must not page anyone. */
export const BUDGET_HEADROOM = 1.25;

/** The budget limit: the configured one, else the cost model's estimate plus headroom, rounded up to 50 USD. */
export function budgetLimitUsd(spec: PlatformSpec, estimatedMonthlyUsd: number): number {
  return spec.observability.monthlyBudgetUsd ?? Math.ceil((estimatedMonthlyUsd * BUDGET_HEADROOM) / 50) * 50;
}

/** Budgets' filter syntax for a user-defined cost-allocation tag: "user:<key>$<value>". */
export function tagFilterValue(suffix: string): string {
  return `user:${COST_ALLOCATION_TAG_KEY}$${suffix}`;
}
