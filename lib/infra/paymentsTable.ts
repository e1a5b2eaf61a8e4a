/**
 * The payments table the reference service writes (layout: app/src/contract.ts). On-demand billing
 * (no capacity to plan, priced per request in the cost model), encrypted with the stack's KMS key,
 * TTL on idempotency records, point-in-time recovery where the environment keeps data, and no
 * deletion protection: `pulumi destroy` removes it with the rest of the stack.
 */
import * as aws from "./aws";
import * as pulumi from "@pulumi/pulumi";
import { TABLE } from "../../app/src/contract";
import { physicalName, withSuffix } from "../spec/names";
import type { PlatformSpec } from "../spec";

export interface PaymentsTableArgs {
  kmsKeyArn: pulumi.Input<string>;
}

export class PaymentsTable extends pulumi.ComponentResource {
  /** The services wait for it (the API must not take payments before the table is ACTIVE) and grant on its ARN. */
  readonly table: aws.dynamodb.Table;

  constructor(spec: PlatformSpec, args: PaymentsTableArgs, opts?: pulumi.ComponentResourceOptions) {
    const suffix = spec.environmentSuffix;
    super("payment:data:PaymentsTable", withSuffix("payments-table", suffix), {}, opts);
    const name = physicalName("paymentsTable", suffix);
    const index = TABLE.pendingIndex;

    const table = new aws.dynamodb.Table(
      name,
      {
        name,
        billingMode: "PAY_PER_REQUEST",
        hashKey: TABLE.partitionKey,
        attributes: [
          { name: TABLE.partitionKey, type: "S" },
          { name: index.partitionKey, type: "S" },
          { name: index.sortKey, type: "S" },
        ],
        // keySchemas, not the index's hashKey/rangeKey, which provider 7.x deprecates (every preview would warn).
        globalSecondaryIndexes: [
          {
            name: index.name,
            keySchemas: [
              { attributeName: index.partitionKey, keyType: "HASH" },
              { attributeName: index.sortKey, keyType: "RANGE" },
            ],
            // The worker needs only the keys to settle a payment with a conditional update.
            projectionType: "KEYS_ONLY",
          },
        ],
        ttl: { attributeName: TABLE.ttlAttribute, enabled: true },
        pointInTimeRecovery: { enabled: spec.data.pointInTimeRecovery },
        serverSideEncryption: { enabled: true, kmsKeyArn: args.kmsKeyArn },
        deletionProtectionEnabled: false,
        tableClass: "STANDARD",
      },
      { parent: this },
    );

    this.table = table;
    this.registerOutputs({ tableName: table.name });
  }
}
