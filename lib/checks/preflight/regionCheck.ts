/**
 * The region: the stack's `aws:region` is us-east-1 (the program's prices, limits and timings are
 * us-east-1's, and its providers are pinned there). AWS_REGION or AWS_DEFAULT_REGION set elsewhere
 * in the caller's shell does not move the stack, but the `aws` commands this guide prints would
 * follow it: a warning.
 */
import { compare, Finding, pass, warn } from "../checkResult";
import { CheckDefinition } from "../runChecks";
import { PreflightContext } from "./preflightContext";

const REGION = "us-east-1";
const ENV_VARIABLES = ["AWS_REGION", "AWS_DEFAULT_REGION"] as const;

export const regionCheck: CheckDefinition<PreflightContext> = {
  id: "local.region",
  title: "Region",
  failureClass: "account",
  permissions: [],
  async run({ spec, stackRegion, env }) {
    const stack: Finding =
      stackRegion === undefined
        ? warn(
            "aws:region",
            REGION,
            "unset",
            `pulumi config set aws:region ${REGION} --stack ${spec.stack} (the program's providers are pinned to ${REGION}; the stack's config should say so for every tool that reads it)`,
          )
        : compare(
            "aws:region",
            REGION,
            stackRegion,
            `pulumi config set aws:region ${REGION} --stack ${spec.stack}: the platform deploys to ${REGION} only`,
          );
    const set = ENV_VARIABLES.filter((name) => (env[name] ?? "") !== "");
    const elsewhere = set.filter((name) => env[name] !== REGION);
    const subject = ENV_VARIABLES.join(", ");
    const found = set.length === 0 ? "unset" : set.map((name) => `${name}=${env[name]}`).join(", ");
    const shell =
      elsewhere.length === 0
        ? pass(subject, `unset or ${REGION}`, found)
        : warn(
            subject,
            `unset or ${REGION}`,
            found,
            `the stack still deploys to ${REGION} (Pulumi uses the stack's aws:region and the program pins its providers) and preflight and verify call ${REGION}, but \`aws\` commands in this shell go to ${elsewhere.map((name) => env[name]).join(", ")}: pass --region ${REGION} or export AWS_REGION=${REGION}`,
          );
    return [stack, shell];
  },
};
