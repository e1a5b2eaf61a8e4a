/**
 * The log groups this stack encrypts with its KMS key, named by the same functions the resources use
 * (lib/spec/names.ts): the key policy lets CloudWatch Logs use the key for exactly these groups.
 */
import { containerInsightsLogGroupName, physicalName, serviceName, wafLogGroupName } from "../spec/names";
import type { PlatformSpec } from "../spec";

/**
 * Container Insights' performance group (lib/infra/cluster.ts), then each service's own group
 * and audit group (lib/infra/fargateService.ts), then the WAF log group while WAF is on (lib/infra/webFirewall.ts).
 */
export function encryptedLogGroupNames(spec: Pick<PlatformSpec, "environmentSuffix" | "services" | "compliance">): string[] {
  const suffix = spec.environmentSuffix;
  return [
    containerInsightsLogGroupName(physicalName("cluster", suffix)),
    ...Object.values(spec.services).map((service) => serviceName("logGroup", service.name, suffix)),
    // The audit stream of each service running the reference image (lib/infra/fargateService.ts).
    ...Object.values(spec.services)
      .filter((service) => service.container.source === "reference")
      .map((service) => serviceName("auditLogGroup", service.name, suffix)),
    ...(spec.compliance.waf.mode === "off" ? [] : [wafLogGroupName(suffix)]),
  ];
}

/**
 * A log group's ARN as CloudWatch Logs puts it in the encryption context: no trailing `:*` (that form
 * is DescribeLogGroups' `arn` field). AWS's example value is
 * `arn:aws:logs:REGION:ACCOUNT-ID:log-group:LOG-GROUP-NAME`
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html, "AWS KMS keys and
 * encryption context"), and CloudWatch Logs names the same form when it refuses a key: "The specified
 * KMS key does not exist or is not allowed to be used with Arn 'arn:aws:logs:eu-west-2:...:log-group:delius-jitbit-ecs'"
 * (https://github.com/ministryofjustice/modernisation-platform/issues/7870).
 */
export function logGroupArn(region: string, accountId: string, logGroupName: string): string {
  return `arn:aws:logs:${region}:${accountId}:log-group:${logGroupName}`;
}
