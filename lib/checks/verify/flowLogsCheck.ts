/**
 * The VPC's flow log (vpcFlowLogs = true): all traffic, to the audit archive's flow-log prefix,
 * active (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeFlowLogs.html, filter
 * `resource-id`). The VPC id is not a stack output, so the VPC is found by its Name tag
 * (DeployedStack.vpcId). With vpcFlowLogs off there is nothing to check and the check reports nothing.
 */
import { DescribeFlowLogsCommand } from "@aws-sdk/client-ec2";
import { ARCHIVE_PREFIXES, bucketArnOf } from "../../design/auditArchive";
import { compare } from "../checkResult";
import { CheckDefinition } from "../runChecks";
import { archiveBucketName } from "./archiveBucket";
import { RESTORE } from "./clusterCheck";
import { notDeployed } from "./loadBalancerChecks";
import { VerifyContext } from "./verifyContext";

export const flowLogsCheck: CheckDefinition<VerifyContext> = {
  id: "compliance.vpcFlowLogs",
  title: "VPC flow logs to the audit archive",
  failureClass: "drift",
  permissions: ["ec2:DescribeVpcs", "ec2:DescribeFlowLogs"],
  async run({ spec, deployed, clients, accountId }) {
    if (!spec.compliance.vpcFlowLogs) return [];
    const vpcId = await deployed.vpcId();
    if (vpcId === undefined) return [notDeployed(deployed.names.vpc, "VPC")];
    const answer = await clients.ec2.send(new DescribeFlowLogsCommand({ Filter: [{ Name: "resource-id", Values: [vpcId] }] }));
    const destination = `${bucketArnOf(archiveBucketName(spec, accountId))}/${ARCHIVE_PREFIXES.vpcFlowLogs}`;
    const expected = `ALL traffic to ${destination} (s3), ACTIVE`;
    const described = (answer.FlowLogs ?? []).map(
      (f) => `${f.TrafficType} traffic to ${f.LogDestination} (${f.LogDestinationType}), ${f.FlowLogStatus}`,
    );
    // Another flow log on the VPC (a team's own) is no drift: the stack's must be among them.
    const found = described.length === 0 ? "no flow log" : described.includes(expected) ? expected : described.join("; ");
    const finding = compare(
      `${deployed.names.vpc} flow log`,
      expected,
      found,
      `${RESTORE}; without flow logs the VPC leaves no network trail (PCI DSS 10.2)`,
    );
    return [finding];
  },
};
