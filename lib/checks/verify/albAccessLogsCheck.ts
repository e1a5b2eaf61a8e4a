/**
 * The ALB writes its access logs to the audit archive (albAccessLogs = true), under the prefix
 * lib/design/auditArchive.ts gives them. ELB reports the setting as load balancer attributes
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DescribeLoadBalancerAttributes.html,
 * keys `access_logs.s3.enabled`, `access_logs.s3.bucket`, `access_logs.s3.prefix`:
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#load-balancer-attributes).
 * With albAccessLogs off there is nothing to check and the check reports nothing.
 */
import { DescribeLoadBalancerAttributesCommand } from "@aws-sdk/client-elastic-load-balancing-v2";
import { ARCHIVE_PREFIXES } from "../../design/auditArchive";
import { compare } from "../checkResult";
import { CheckDefinition } from "../runChecks";
import { archiveBucketName } from "./archiveBucket";
import { RESTORE } from "./clusterCheck";
import { notDeployed } from "./loadBalancerChecks";
import { VerifyContext } from "./verifyContext";

export const albAccessLogsCheck: CheckDefinition<VerifyContext> = {
  id: "compliance.albAccessLogs",
  title: "ALB access logs to the audit archive",
  failureClass: "drift",
  permissions: ["elasticloadbalancing:DescribeLoadBalancers", "elasticloadbalancing:DescribeLoadBalancerAttributes"],
  async run({ spec, deployed, clients, accountId }) {
    if (!spec.compliance.albAccessLogs) return [];
    const name = deployed.names.loadBalancer;
    const alb = await deployed.loadBalancer();
    if (alb === undefined) return [notDeployed(name, "load balancer")];
    const answer = await clients.elb.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: alb.LoadBalancerArn }));
    const attribute = (key: string) => answer.Attributes?.find((a) => a.Key === key)?.Value ?? "unset";
    return [
      compare(
        `${name} access logs`,
        `enabled, s3://${archiveBucketName(spec, accountId)}/${ARCHIVE_PREFIXES.albAccessLogs}`,
        `${attribute("access_logs.s3.enabled") === "true" ? "enabled" : "disabled"}, s3://${attribute("access_logs.s3.bucket")}/${attribute("access_logs.s3.prefix")}`,
        `${RESTORE}; without access logs the ALB leaves no request trail (PCI DSS 10.2)`,
      ),
    ];
  },
};
