/**
 * Every policy of the pack (policy/) on one resource that passes and one that violates it, run
 * the way the plan runs them (lib/commands/plan/planPolicies.ts), with registrations built by hand.
 */
import {
  albAccessLogs,
  archiveBucketKeepsTwelveMonths,
  vpcFlowLogs,
  wafLogsRedactAuthorization,
  wafOnPublicAlb,
} from "../../../policy/auditPolicies";
import { logRetention, nothingRetainedOrProtected, physicalNamesCarrySuffix } from "../../../policy/platformPolicies";
import type { PaymentPolicy } from "../../../policy/policies";
import {
  containersHardened,
  kmsRotation,
  listenerTlsPolicy,
  noWildcardActions,
  rolesNameResources,
  tasksPrivate,
} from "../../../policy/securityPolicies";
import { runPolicies } from "../../../lib/commands/plan/planPolicies";
import type { RecordedResource } from "../../../lib/commands/registrations";

const STACK = { project: "payment-platform", stack: "test" };

/** The stack's provider, with the default tags the program gives it (as the mock engine records them, JSON-encoded). */
const provider = (environment: string, suffix: string): RecordedResource => ({
  type: "pulumi:providers:aws",
  name: "aws-test",
  custom: true,
  inputs: { defaultTags: JSON.stringify({ tags: { Environment: environment, EnvironmentSuffix: suffix } }) },
  options: {},
});

const resource = (
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  options: RecordedResource["options"] = {},
): RecordedResource => ({
  type,
  name,
  custom: true,
  inputs,
  options: { provider: "aws-test", ...options },
});

/** What `policy` reports on the resources, as "resource name: message" lines. */
async function findings(policy: PaymentPolicy, resources: RecordedResource[], environment = "dev"): Promise<string[]> {
  const report = await runPolicies([provider(environment, environment), ...resources], STACK, [policy]);
  return report.violations.map((v) => `${v.resourceName}: ${v.message}`);
}

const policyJson = (statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

describe("physical-names-carry-suffix", () => {
  it("GIVEN names with and without the suffix as a word WHEN checked THEN only the ones without it are reported, with the input that holds the name", async () => {
    expect(
      await findings(physicalNamesCarrySuffix, [
        resource("aws:lb/loadBalancer:LoadBalancer", "alb", { name: "payment-alb-dev" }),
        resource("aws:cloudwatch/logGroup:LogGroup", "/aws/ecs/containerinsights/ecs-cluster-dev/performance", {
          name: "/aws/ecs/containerinsights/ecs-cluster-dev/performance",
        }),
        resource("aws:servicediscovery/privateDnsNamespace:PrivateDnsNamespace", "ns", { name: "payment-dev.internal" }),
        resource("aws:ec2/vpc:Vpc", "vpc-dev", { cidrBlock: "10.0.0.0/16" }),
        resource("aws:sns/topic:Topic", "topic", { name: "payment-alarms-development" }),
        resource("aws:ecs/taskDefinition:TaskDefinition", "task", { family: "payment-api" }),
        resource("aws-native:ecs:Service", "service", { serviceName: "payment-api-prod" }),
        resource("aws:cloudwatch/dashboard:Dashboard", "dashboard", { dashboardName: "devcost" }),
      ]),
    ).toEqual([
      'topic: name "payment-alarms-development" does not carry the environment suffix "dev"',
      'task: family "payment-api" does not carry the environment suffix "dev"',
      'service: serviceName "payment-api-prod" does not carry the environment suffix "dev"',
      'dashboard: dashboardName "devcost" does not carry the environment suffix "dev"',
    ]);
  });

  it("GIVEN a resource whose provider carries no EnvironmentSuffix tag WHEN checked THEN the policy does not apply", async () => {
    const report = await runPolicies(
      [{ ...provider("dev", "dev"), inputs: {} }, resource("aws:sns/topic:Topic", "topic", { name: "unsuffixed" })],
      STACK,
      [physicalNamesCarrySuffix],
    );
    expect(report.violations).toEqual([]);
  });
});

describe("nothing-retained-or-protected", () => {
  it("GIVEN retained, deletion-protected and plain resources WHEN checked THEN each way of surviving destroy is named, and service-linked roles are exempt", async () => {
    expect(
      await findings(nothingRetainedOrProtected, [
        resource("aws:sns/topic:Topic", "plain", { name: "t-dev" }),
        resource("aws:sns/topic:Topic", "kept", { name: "k-dev" }, { retainOnDelete: true }),
        resource("aws:lb/loadBalancer:LoadBalancer", "alb", { enableDeletionProtection: true }),
        resource("aws:dynamodb/table:Table", "table", { deletionProtectionEnabled: true }),
        resource("aws:dynamodb/table:Table", "unprotected-table", { deletionProtectionEnabled: false }),
        resource(
          "aws:iam/serviceLinkedRole:ServiceLinkedRole",
          "ecs-slr",
          { awsServiceName: "ecs.amazonaws.com" },
          { retainOnDelete: true },
        ),
      ]),
    ).toEqual([
      "kept: survives pulumi destroy: retainOnDelete",
      "alb: survives pulumi destroy: enableDeletionProtection",
      "table: survives pulumi destroy: deletionProtectionEnabled",
    ]);
  });

  it("GIVEN resources the Pulumi CLI reports as protected WHEN checked THEN protect is named on each", async () => {
    const report = await runPolicies([provider("dev", "dev"), resource("aws:sns/topic:Topic", "t", {})], STACK, [
      {
        ...nothingRetainedOrProtected,
        validateResource: (args, report) =>
          [nothingRetainedOrProtected.validateResource].flat()[0]!({ ...args, opts: { ...args.opts, protect: true } }, report),
      },
    ]);
    expect(report.violations.map((v) => `${v.resourceName}: ${v.message}`)).toEqual([
      "aws-test: survives pulumi destroy: protect",
      "t: survives pulumi destroy: protect",
    ]);
  });
});

describe("log-retention-7-to-14-days", () => {
  const group = (name: string, retentionInDays?: number) =>
    resource("aws:cloudwatch/logGroup:LogGroup", name, { name, ...(retentionInDays === undefined ? {} : { retentionInDays }) });

  it("GIVEN log groups at 7, 14, 1, 30, 0 and no retention WHEN checked THEN only 7-14 pass, and Container Insights' performance group may keep 1 day", async () => {
    expect(
      await findings(logRetention, [
        group("/ecs/a-dev", 7),
        group("/ecs/b-dev", 14),
        group("/aws/ecs/containerinsights/ecs-cluster-dev/performance", 1),
        group("/ecs/c-dev", 1),
        group("/ecs/d-dev", 30),
        group("/ecs/e-dev", 0),
        group("/ecs/f-dev"),
        group("/aws/ecs/containerinsights/ecs-cluster-dev/performance2", 30),
        resource("aws:sns/topic:Topic", "topic", { name: "t-dev" }),
      ]),
    ).toEqual([
      "/ecs/c-dev: retentionInDays is 1: keep 7-14 days",
      "/ecs/d-dev: retentionInDays is 30: keep 7-14 days",
      "/ecs/e-dev: retentionInDays is never expire: keep 7-14 days",
      "/ecs/f-dev: retentionInDays is never expire: keep 7-14 days",
      "/aws/ecs/containerinsights/ecs-cluster-dev/performance2: retentionInDays is 30: keep 1-14 days",
    ]);
  });
});

describe("tasks-private-no-public-ip", () => {
  it("GIVEN aws-native and classic ECS services with and without public IPs WHEN checked THEN the public and undeclared ones are reported", async () => {
    const native = (assignPublicIp: string) => ({
      networkConfiguration: { awsvpcConfiguration: { assignPublicIp, subnets: ["private-a"] } },
    });
    expect(
      await findings(tasksPrivate, [
        resource("aws-native:ecs:Service", "private-native", native("DISABLED")),
        resource("aws-native:ecs:Service", "public-native", native("ENABLED")),
        resource("aws-native:ecs:Service", "no-network", {}),
        resource("aws:ecs/service:Service", "private-classic", { networkConfiguration: { assignPublicIp: false } }),
        resource("aws:ecs/service:Service", "public-classic", { networkConfiguration: { assignPublicIp: true } }),
        resource("aws:ecs/cluster:Cluster", "cluster", {}),
      ]),
    ).toEqual([
      "public-native: assignPublicIp is ENABLED: tasks must not get a public IP",
      "no-network: no awsvpc network configuration: the tasks' placement is not declared",
      "public-classic: assignPublicIp is true: tasks must not get a public IP",
    ]);
  });
});

describe("https-listener-tls-policy", () => {
  it("GIVEN HTTPS and TLS listeners with the required, an older and no policy, and an HTTP listener WHEN checked THEN the two wrong TLS ones are reported", async () => {
    const listener = (name: string, protocol: string, sslPolicy?: string) =>
      resource("aws:lb/listener:Listener", name, { protocol, ...(sslPolicy ? { sslPolicy } : {}) });
    expect(
      await findings(listenerTlsPolicy, [
        listener("https", "HTTPS", "ELBSecurityPolicy-TLS13-1-2-Res-2021-06"),
        listener("old", "HTTPS", "ELBSecurityPolicy-TLS13-1-2-2021-06"),
        listener("default", "TLS"),
        listener("http", "HTTP"),
        resource("aws:kms/key:Key", "key", {}),
      ]),
    ).toEqual([
      "old: sslPolicy is ELBSecurityPolicy-TLS13-1-2-2021-06, not ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
      "default: sslPolicy is the ELB default, not ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
    ]);
  });
});

describe("kms-key-rotation", () => {
  it("GIVEN keys with rotation on, off and unset WHEN checked THEN the two without rotation are reported", async () => {
    expect(
      await findings(kmsRotation, [
        resource("aws:kms/key:Key", "rotating", { enableKeyRotation: true }),
        resource("aws:kms/key:Key", "off", { enableKeyRotation: false }),
        resource("aws:kms/key:Key", "unset", {}),
        resource("aws:kms/alias:Alias", "alias", { name: "alias/x-dev" }),
      ]),
    ).toEqual(["off: enableKeyRotation is not true", "unset: enableKeyRotation is not true"]);
  });
});

describe("no-iam-wildcard-actions", () => {
  it("GIVEN role policies and a role's inline policies with named, '*', 'service:*' and NotAction grants WHEN checked THEN every wildcard is reported; Deny statements are not grants", async () => {
    expect(
      await findings(noWildcardActions, [
        resource("aws:iam/rolePolicy:RolePolicy", "named", {
          policy: policyJson([
            { Effect: "Allow", Action: ["dynamodb:GetItem"], Resource: "arn:aws:dynamodb:us-east-1:1:table/t" },
          ]),
        }),
        resource("aws:iam/rolePolicy:RolePolicy", "admin", {
          policy: policyJson([{ Effect: "Allow", Action: "*", Resource: "*" }]),
        }),
        resource("aws:iam/rolePolicy:RolePolicy", "deny", {
          policy: policyJson([{ Effect: "Deny", Action: "*", Resource: "*" }]),
        }),
        resource("aws:iam/role:Role", "inline", {
          inlinePolicies: [
            { name: "ok", policy: policyJson([{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }]) },
            {
              name: "wide",
              policy: {
                Version: "2012-10-17",
                Statement: { Effect: "Allow", Action: ["s3:*", "sqs:SendMessage"], Resource: "*" },
              },
            },
            { name: "not", policy: policyJson([{ Effect: "Allow", NotAction: "iam:*", Resource: "*" }]) },
            { name: "empty" },
          ],
        }),
        resource("aws:iam/role:Role", "no-inline", {}),
        resource("aws:sns/topic:Topic", "topic", { name: "t-dev" }),
      ]),
    ).toEqual([
      "admin: allows wildcard actions: *",
      "inline: allows wildcard actions: s3:*",
      "inline: allows wildcard actions: NotAction",
    ]);
  });
});

describe("role-policies-name-resources", () => {
  it('GIVEN grants on named resources, on "*" for an action AWS scopes to no resource, on "*" and on NotResource WHEN checked THEN only the scopable actions on every resource are reported', async () => {
    expect(
      await findings(rolesNameResources, [
        resource("aws:iam/rolePolicy:RolePolicy", "execution", {
          policy: policyJson([
            { Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: "*" },
            {
              Effect: "Allow",
              Action: ["logs:PutLogEvents"],
              Resource: "arn:aws:logs:us-east-1:1:log-group:/ecs/a-dev:log-stream:*",
            },
          ]),
        }),
        resource("aws:iam/rolePolicy:RolePolicy", "task", {
          policy: policyJson([
            {
              Effect: "Allow",
              Action: ["dynamodb:GetItem", "cloudwatch:PutMetricData"],
              Resource: ["arn:aws:dynamodb:us-east-1:1:table/t", "*"],
            },
          ]),
        }),
        resource("aws:iam/rolePolicy:RolePolicy", "not-resource", {
          policy: policyJson([{ Effect: "Allow", Action: "s3:GetObject", NotResource: "arn:aws:s3:::private/*" }]),
        }),
      ]),
    ).toEqual(["task: grants dynamodb:GetItem on every resource", "not-resource: grants s3:GetObject on every resource"]);
  });
});

describe("containers-hardened", () => {
  const hardened = {
    name: "api",
    user: "65534:65534",
    readonlyRootFilesystem: true,
    privileged: false,
    linuxParameters: { capabilities: { drop: ["ALL"] } },
  };

  it("GIVEN a hardened container and containers that run as root, write their root filesystem, run privileged or keep capabilities WHEN checked THEN each container's problems are listed", async () => {
    expect(
      await findings(containersHardened, [
        resource("aws:ecs/taskDefinition:TaskDefinition", "good", { containerDefinitions: JSON.stringify([hardened]) }),
        resource("aws:ecs/taskDefinition:TaskDefinition", "bad", {
          containerDefinitions: [
            { ...hardened, name: "root", user: "0:0", readonlyRootFilesystem: false },
            { name: "default", privileged: true, linuxParameters: { capabilities: { drop: ["NET_RAW"] } } },
            { ...hardened, name: "named-root", user: "root" },
          ],
        }),
        resource("aws:ecs/cluster:Cluster", "cluster", {}),
      ]),
    ).toEqual([
      "bad: container root: runs as 0:0, root filesystem is writable",
      "bad: container default: runs as the image's default user, root filesystem is writable, privileged, capabilities not all dropped",
      "bad: container named-root: runs as root",
    ]);
  });
});

describe("waf-on-public-alb-in-prod", () => {
  const alb = (name: string, inputs: Record<string, unknown> = {}) =>
    resource("aws:lb/loadBalancer:LoadBalancer", name, { name, ...inputs });
  const association = (name: string, inputs: Record<string, unknown>) =>
    resource("aws:wafv2/webAclAssociation:WebAclAssociation", name, inputs);

  it("GIVEN prod ALBs with a WAF association (by ARN), public without one, internal, and a network LB WHEN checked THEN the public ALB without WAF is reported", async () => {
    expect(
      await findings(
        wafOnPublicAlb,
        [
          alb("guarded-prod"),
          association("guarded-waf-prod", { resourceArn: "arn:aws:lb:us-east-1:1:loadbalancer/guarded-prod", webAclArn: "acl" }),
          alb("open-prod", { internal: false, loadBalancerType: "application" }),
          alb("internal-prod", { internal: true }),
          alb("nlb-prod", { loadBalancerType: "network" }),
        ],
        "prod",
      ),
    ).toEqual([
      "open-prod: no WAFv2 web ACL association: the public payment API has no web application firewall; set wafMode block (or count)",
    ]);
  });

  it("GIVEN a public ALB without WAF in a dev stack WHEN checked THEN nothing is reported: the control is prod's", async () => {
    expect(await findings(wafOnPublicAlb, [alb("open-dev")], "dev")).toEqual([]);
  });
});

describe("waf-logs-redact-authorization", () => {
  const logging = (name: string, redactedFields?: object[]) =>
    resource("aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration", name, {
      resourceArn: "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/payment-waf-dev/id",
      logDestinationConfigs: ["arn:aws:logs:us-east-1:123456789012:log-group:aws-waf-logs-payment-dev"],
      ...(redactedFields ? { redactedFields } : {}),
    });

  it("GIVEN logging configurations redacting authorization, only user-agent, Authorization in capitals and nothing WHEN checked THEN all but the lower-case authorization one are reported", async () => {
    expect(
      await findings(wafLogsRedactAuthorization, [
        logging("redacted-dev", [{ singleHeader: { name: "user-agent" } }, { singleHeader: { name: "authorization" } }]),
        logging("user-agent-dev", [{ singleHeader: { name: "user-agent" } }]),
        logging("capitals-dev", [{ singleHeader: { name: "Authorization" } }]),
        logging("unredacted-dev"),
        resource("aws:wafv2/webAcl:WebAcl", "acl-dev", { name: "payment-waf-dev" }),
      ]),
    ).toEqual([
      'user-agent-dev: the authorization header is not redacted (redactedFields singleHeader name "authorization"): the logs would keep client credentials',
      'capitals-dev: the authorization header is not redacted (redactedFields singleHeader name "authorization"): the logs would keep client credentials',
      'unredacted-dev: the authorization header is not redacted (redactedFields singleHeader name "authorization"): the logs would keep client credentials',
    ]);
  });
});

describe("alb-access-logs", () => {
  it("GIVEN ALBs with access logs on, off, without a bucket and unset WHEN checked THEN the three without logs are reported", async () => {
    const alb = (name: string, accessLogs?: object) =>
      resource("aws:lb/loadBalancer:LoadBalancer", name, { name, ...(accessLogs ? { accessLogs } : {}) });
    expect(
      await findings(albAccessLogs, [
        alb("logged-dev", { enabled: true, bucket: "payment-archive-dev" }),
        alb("off-dev", { enabled: false, bucket: "payment-archive-dev" }),
        alb("no-bucket-dev", { enabled: true }),
        alb("unset-dev"),
        resource("aws:ec2/vpc:Vpc", "vpc-dev", {}),
      ]),
    ).toEqual([
      "off-dev: access logs are off: no record of the requests the ALB served; set albAccessLogs true",
      "no-bucket-dev: access logs are off: no record of the requests the ALB served; set albAccessLogs true",
      "unset-dev: access logs are off: no record of the requests the ALB served; set albAccessLogs true",
    ]);
  });
});

describe("vpc-flow-logs", () => {
  it("GIVEN a VPC with a flow log of ALL traffic (by ID), one with REJECT only and one without WHEN checked THEN the two without an ALL flow log are reported", async () => {
    const vpc = (name: string) => resource("aws:ec2/vpc:Vpc", name, { cidrBlock: "10.0.0.0/16" });
    const flowLog = (name: string, vpcId: string, trafficType: string) =>
      resource("aws:ec2/flowLog:FlowLog", name, { vpcId, trafficType });
    expect(
      await findings(vpcFlowLogs, [
        vpc("logged-dev"),
        flowLog("logged-flow-dev", "logged-dev-id", "ALL"),
        vpc("rejects-dev"),
        flowLog("rejects-flow-dev", "rejects-dev-id", "REJECT"),
        vpc("bare-dev"),
      ]),
    ).toEqual([
      "rejects-dev: no flow log of ALL traffic: no record of the network's connections; set vpcFlowLogs true",
      "bare-dev: no flow log of ALL traffic: no record of the network's connections; set vpcFlowLogs true",
    ]);
  });

  it("GIVEN a flow log that references its VPC through a property dependency, as under the Pulumi CLI WHEN checked THEN the VPC passes", async () => {
    const report = await runPolicies([provider("dev", "dev"), resource("aws:ec2/vpc:Vpc", "vpc-dev", {})], STACK, [
      {
        ...vpcFlowLogs,
        validateStack: (args, report) => {
          const vpc = args.resources.find((r) => r.type === "aws:ec2/vpc:Vpc")!;
          const flowLog = {
            ...vpc,
            type: "aws:ec2/flowLog:FlowLog",
            name: "flow",
            props: { vpcId: "vpc-0abc", trafficType: "ALL" },
            propertyDependencies: { vpcId: [vpc] },
          };
          return vpcFlowLogs.validateStack({ ...args, resources: [...args.resources, flowLog] }, report);
        },
      },
    ]);
    expect(report.violations).toEqual([]);
  });
});

describe("archive-bucket-keeps-12-months", () => {
  const bucket = (name: string, inputs: Record<string, unknown>) => resource("aws:s3/bucket:Bucket", name, inputs);
  const lifecycle = (name: string, bucketId: string, rules: object[]) =>
    resource("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", name, { bucket: bucketId, rules });
  const keep = (days: number, filter: object = { prefix: "" }) => ({
    id: "audit-trail-retention",
    status: "Enabled",
    filter,
    expiration: { days },
  });

  it("GIVEN the archive's own bucket with forceDestroy and a 366-day rule for every object (by ID) WHEN checked THEN it passes", async () => {
    expect(
      await findings(archiveBucketKeepsTwelveMonths, [
        bucket("archive-dev", { bucket: "payment-audit-archive-123456789012-dev", forceDestroy: true }),
        lifecycle("archive-lifecycle-dev", "archive-dev-id", [keep(366)]),
      ]),
    ).toEqual([]);
  });

  it("GIVEN buckets that expire too early, keep forever (a lifecycle with no rules), expire only a prefix, or lack forceDestroy WHEN checked THEN each is reported with why", async () => {
    expect(
      await findings(archiveBucketKeepsTwelveMonths, [
        bucket("early-dev", { forceDestroy: true }),
        lifecycle("early-lifecycle-dev", "early-dev-id", [keep(90)]),
        bucket("forever-dev", { forceDestroy: true }),
        resource("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "forever-lifecycle-dev", {
          bucket: "forever-dev-id",
        }),
        bucket("prefix-only-dev", { forceDestroy: true }),
        lifecycle("prefix-only-lifecycle-dev", "prefix-only-dev-id", [keep(400, { prefix: "alb-access-logs/" })]),
        bucket("kept-dev", {}),
        lifecycle("kept-lifecycle-dev", "kept-dev-id", [{ ...keep(366), filter: undefined }]),
      ]),
    ).toEqual([
      "early-dev: expires objects after 90 days: fewer than 366 (12 months)",
      "forever-dev: no lifecycle rule expires every object: the archive grows without bound",
      "prefix-only-dev: no lifecycle rule expires every object: the archive grows without bound",
      "kept-dev: no forceDestroy: pulumi destroy fails on a bucket with objects",
    ]);
  });
});
