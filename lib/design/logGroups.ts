/**
 * The log groups the stack owns and what they keep: each service's group at the configured retention
 * and class, and Container Insights' performance group, which the program creates itself (before the
 * cluster) so it is encrypted with the stack's key and destroyed with the stack.
 */
import { containerInsightsLogGroupName, physicalName, serviceName, wafLogGroupName } from "../spec/names";
import { LogClass, PlatformSpec, serviceList } from "../spec";

/**
 * Container Insights' performance events are raw material for its metrics, read within minutes, so one
 * day is enough; Container Insights would create the group itself on first use otherwise
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Container-Insights-reference.html).
 */
export const CONTAINER_INSIGHTS_LOG_RETENTION_DAYS = 1;

export interface LogGroupDefinition {
  name: string;
  /** Days; 0 is CloudWatch's "never expire" (the API then reports no retention). */
  retentionDays: number;
  logClass: LogClass;
}

/** Every log group the stack creates, all encrypted with the stack's KMS key. */
export function logGroupDefinitions(spec: PlatformSpec): LogGroupDefinition[] {
  const { logRetentionDays, logClass } = spec.observability;
  return [
    ...serviceList(spec).map((s) => ({
      name: serviceName("logGroup", s.name, spec.environmentSuffix),
      retentionDays: logRetentionDays,
      logClass,
    })),
    // The audit stream of each service running the reference image (lib/infra/fargateService.ts):
    // Standard class whatever logClass says, so a subscription filter can ship it to the archive.
    ...serviceList(spec)
      .filter((s) => s.container.source === "reference")
      .map((s) => ({
        name: serviceName("auditLogGroup", s.name, spec.environmentSuffix),
        retentionDays: logRetentionDays,
        logClass: "STANDARD" as const,
      })),
    {
      name: containerInsightsLogGroupName(physicalName("cluster", spec.environmentSuffix)),
      retentionDays: CONTAINER_INSIGHTS_LOG_RETENTION_DAYS,
      logClass: "STANDARD",
    },
    // The WAF log group (lib/infra/webFirewall.ts) while WAF is on: Standard class whatever logClass
    // says, so a subscription filter can ship it to the audit archive.
    ...(spec.compliance.waf.mode === "off"
      ? []
      : [{ name: wafLogGroupName(spec.environmentSuffix), retentionDays: logRetentionDays, logClass: "STANDARD" as const }]),
  ];
}
