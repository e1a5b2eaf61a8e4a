/**
 * The stack outputs verify reads (`pulumi stack output --json --show-secrets`, or a file of it):
 * only what the deployed stack knows and the spec cannot derive, that is the ALB's DNS name, the VPC's
 * private subnets and the KMS key. Everything else verify needs is named from the spec, the same way
 * the program named it.
 */
import { ConfigError } from "../../config/source";

export interface StackOutputs {
  clusterName: string;
  albDnsName: string;
  privateSubnetIds: string[];
  kmsKeyArn: string;
  paymentsTableName: string;
}

const STRING_KEYS = ["clusterName", "albDnsName", "kmsKeyArn", "paymentsTableName"] as const;

/** Reads the outputs document; every missing or mistyped key is named at once. */
export function parseStackOutputs(document: unknown, source: string): StackOutputs {
  if (typeof document !== "object" || document === null || Array.isArray(document)) {
    throw new ConfigError([`${source}: expected the JSON object that \`pulumi stack output --json --show-secrets\` prints`]);
  }
  const values = document as Record<string, unknown>;
  const problems = STRING_KEYS.filter((key) => typeof values[key] !== "string" || values[key] === "").map(
    (key) =>
      `${source}: output ${key} is missing or not a string (is this the output of this project's stack, after \`pulumi up\`?)`,
  );
  const subnets = values.privateSubnetIds;
  if (!Array.isArray(subnets) || subnets.length === 0 || !subnets.every((id) => typeof id === "string")) {
    problems.push(`${source}: output privateSubnetIds is missing or not a list of subnet ids`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    clusterName: values.clusterName as string,
    albDnsName: values.albDnsName as string,
    privateSubnetIds: subnets as string[],
    kmsKeyArn: values.kmsKeyArn as string,
    paymentsTableName: values.paymentsTableName as string,
  };
}
