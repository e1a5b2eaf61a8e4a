/** The stack's log groups: retention, the stack's KMS key, and the log class, as lib/design/logGroups.ts defines them. */
import { DescribeLogGroupsCommand, LogGroup } from "@aws-sdk/client-cloudwatch-logs";
import { logGroupDefinitions } from "../../design/logGroups";
import { compare, Finding } from "../checkResult";
import { plural } from "../../format";
import { CheckDefinition } from "../runChecks";
import { RESTORE } from "./clusterCheck";
import { VerifyContext } from "./verifyContext";

const retentionText = (days: number | undefined) => (days === undefined || days === 0 ? "never expire" : plural(days, "day"));

export const logGroupsCheck: CheckDefinition<VerifyContext> = {
  id: "logs.groups",
  title: "Log groups",
  failureClass: "drift",
  permissions: ["logs:DescribeLogGroups"],
  async run({ spec, outputs, clients }) {
    const findings: Finding[] = [];
    for (const definition of logGroupDefinitions(spec)) {
      // The prefix query returns the group and any whose name extends it; only the exact name counts.
      const answer = await clients.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: definition.name }));
      const group: LogGroup | undefined = answer.logGroups?.find((g) => g.logGroupName === definition.name);
      findings.push(
        compare(
          definition.name,
          `${retentionText(definition.retentionDays)}, key ${outputs.kmsKeyArn}, ${definition.logClass}`,
          group === undefined
            ? "not found"
            : `${retentionText(group.retentionInDays)}, key ${group.kmsKeyId ?? "none"}, ${group.logGroupClass ?? "STANDARD"}`,
          RESTORE,
        ),
      );
    }
    return findings;
  },
};
