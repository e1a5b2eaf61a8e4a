/** The payments table: active, on demand, encrypted with the stack's key, point-in-time recovery as configured, TTL on. */
import { DescribeContinuousBackupsCommand, DescribeTableCommand, DescribeTimeToLiveCommand } from "@aws-sdk/client-dynamodb";
import { TABLE } from "../../../app/src/contract";
import { compare, fail } from "../checkResult";
import { CheckDefinition } from "../runChecks";
import { RESTORE } from "./clusterCheck";
import { VerifyContext } from "./verifyContext";

export const paymentsTableCheck: CheckDefinition<VerifyContext> = {
  id: "dynamodb.table",
  title: "Payments table",
  failureClass: "drift",
  permissions: ["dynamodb:DescribeTable", "dynamodb:DescribeContinuousBackups", "dynamodb:DescribeTimeToLive"],
  async run({ spec, outputs, clients }) {
    const name = outputs.paymentsTableName;
    let table;
    try {
      table = (await clients.dynamodb.send(new DescribeTableCommand({ TableName: name }))).Table!;
    } catch (error) {
      if ((error as Error).name !== "ResourceNotFoundException") throw error;
      return [fail(name, "an ACTIVE table", "not found", "deploy the stack (`pulumi up`)")];
    }
    const backups = await clients.dynamodb.send(new DescribeContinuousBackupsCommand({ TableName: name }));
    const ttl = await clients.dynamodb.send(new DescribeTimeToLiveCommand({ TableName: name }));
    const pitr = backups.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus ?? "DISABLED";
    const ttlDescription = ttl.TimeToLiveDescription;
    return [
      compare(
        `${name} status`,
        "ACTIVE",
        table.TableStatus ?? "unknown",
        "wait for the table to become ACTIVE; the API answers 503 until then",
        "health",
      ),
      compare(
        `${name} settings`,
        `PAY_PER_REQUEST, key ${outputs.kmsKeyArn}, point-in-time recovery ${spec.data.pointInTimeRecovery ? "ENABLED" : "DISABLED"}, TTL ENABLED on ${TABLE.ttlAttribute}`,
        `${table.BillingModeSummary?.BillingMode ?? "PROVISIONED"}, key ${table.SSEDescription?.KMSMasterKeyArn ?? "AWS owned"}, point-in-time recovery ${pitr}, TTL ${ttlDescription?.TimeToLiveStatus ?? "DISABLED"} on ${ttlDescription?.AttributeName ?? "nothing"}`,
        RESTORE,
      ),
    ];
  },
};
