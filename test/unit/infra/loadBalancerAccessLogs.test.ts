/**
 * The ALB's access logs argument, with the LoadBalancer component built directly under the mock
 * engine: the logs go to the given bucket and prefix, and the ALB waits for what the bucket needs
 * first (CreateLoadBalancer test-writes to it).
 */
import * as aws from "../../../lib/infra/aws";
import * as pulumi from "@pulumi/pulumi";
import { installMockEngine, MockEngine } from "../../../lib/commands/mockEngine";
import { LoadBalancer } from "../../../lib/infra/loadBalancer";
import { resolveValues } from "../support/configSource";
import { PROJECT, qualify } from "../support/runPlatform";

async function build(accessLogs: (policy: pulumi.Resource) => ConstructorParameters<typeof LoadBalancer>[1]["accessLogs"]) {
  const engine: MockEngine = await installMockEngine(PROJECT, "test", qualify({ environmentSuffix: "dev" }));
  const spec = resolveValues({ environmentSuffix: "dev" });
  const opts = { transformations: [engine.recordParent] };
  const internetGateway = new aws.ec2.InternetGateway("igw-dev", {}, opts);
  const bucketPolicy = new aws.s3.BucketPolicy("audit-archive-policy-dev", { bucket: "archive", policy: "{}" }, opts);
  new LoadBalancer(
    spec,
    {
      vpcId: "vpc-dev-id",
      publicSubnetIds: ["subnet-a", "subnet-b"],
      securityGroupId: "sg-alb",
      internetGateway,
      serviceLinkedRoles: [],
      accessLogs: accessLogs(bucketPolicy),
    },
    opts,
  );
  await engine.settle();
  return engine.named("payment-alb-dev", "aws:lb/loadBalancer:LoadBalancer");
}

describe("LoadBalancer access logs", () => {
  it("GIVEN accessLogs with the archive bucket THEN the ALB logs to it under the prefix AND depends on the bucket policy (CreateLoadBalancer test-writes to the bucket)", async () => {
    const alb = await build((policy) => ({
      bucket: "payment-audit-archive-123456789012-dev",
      prefix: "alb-access-logs",
      dependsOn: [policy],
    }));
    expect(alb.inputs.accessLogs).toEqual({
      bucket: "payment-audit-archive-123456789012-dev",
      prefix: "alb-access-logs",
      enabled: true,
    });
    expect(alb.options.dependsOn).toEqual(["igw-dev", "audit-archive-policy-dev"]);
  });

  it("GIVEN no accessLogs THEN the ALB has no access logs and waits only for the internet gateway", async () => {
    const alb = await build(() => undefined);
    expect([alb.inputs.accessLogs, alb.options.dependsOn]).toEqual([undefined, ["igw-dev"]]);
  });
});
