/**
 * The offline plan's policy run (lib/commands/plan/planPolicies.ts) over the golden registrations,
 * the CrossGuard arguments it builds, its text, and exit code 10. The shipped stacks' registrations
 * are read from test/golden; only the three stacks that switch a mandatory control off run the plan
 * (buildPlan, the program under the mock engine).
 */
import { readFileSync } from "fs";
import { join } from "path";
import type { PolicyResource } from "@pulumi/policy";
import { planExitCode, targetsExitCode } from "../../../lib/commands/plan/planExitCode";
import { buildPlan } from "../../../lib/commands/plan/planDocument";
import { PROJECT_DIR } from "../../../lib/commands/schema";
import type { PlanDocument } from "../../../lib/commands/plan/planDocument";
import { isTypeOf, policyResources, runPolicies } from "../../../lib/commands/plan/planPolicies";
import { formatPolicyReport } from "../../../lib/commands/plan/policyText";
import { exitLine } from "../../../lib/commands/plan/planVerdict";
import type { RecordedResource } from "../../../lib/commands/registrations";
import { TLS_POLICY } from "../../../lib/design/listeners";
import { PAYMENT_POLICIES } from "../../../policy/policies";
import { REQUIRED_TLS_POLICY } from "../../../policy/securityPolicies";
import { captureIo } from "../support/captureIo";

// The policies and the runner take only types from @pulumi/policy: loading it at runtime (it serves the analyzer) fails this file.
jest.mock("@pulumi/policy", () => {
  throw new Error("@pulumi/policy was loaded at runtime");
});

const GOLDEN = join(__dirname, "..", "..", "golden");
const registrations = (stack: string): RecordedResource[] =>
  JSON.parse(readFileSync(join(GOLDEN, `resources-${stack}.json`), "utf8"));
const stackOf = (stack: string) => ({ project: "payment-platform", stack });

/** The audit-trail policies' findings when their control is off: mandatory since the controls were built (issue 12). */
const CONTROL_OFF = {
  accessLogs: (suffix: string) => ({
    policy: "alb-access-logs",
    enforcementLevel: "mandatory" as const,
    resourceType: "aws:lb/loadBalancer:LoadBalancer",
    resourceName: `payment-alb-${suffix}`,
    message: "access logs are off: no record of the requests the ALB served; set albAccessLogs true",
  }),
  flowLogs: (suffix: string) => ({
    policy: "vpc-flow-logs",
    enforcementLevel: "mandatory" as const,
    resourceType: "aws:ec2/vpc:Vpc",
    resourceName: `vpc-${suffix}`,
    message: "no flow log of ALL traffic: no record of the network's connections; set vpcFlowLogs true",
  }),
  waf: (suffix: string) => ({
    policy: "waf-on-public-alb-in-prod",
    enforcementLevel: "mandatory" as const,
    resourceType: "aws:lb/loadBalancer:LoadBalancer",
    resourceName: `payment-alb-${suffix}`,
    message: "no WAFv2 web ACL association: the public payment API has no web application firewall; set wafMode block (or count)",
  }),
};

describe("the policy pack over the golden registrations", () => {
  it.each(["dev", "staging", "prod"])(
    "GIVEN the %s stack WHEN the pack runs THEN nothing is violated: the WAF (staging, prod), the access logs, the flow log and the archive are built, and every audit-trail policy is mandatory",
    async (stack) => {
      expect(await runPolicies(registrations(stack), stackOf(stack))).toEqual({ violations: [], mandatory: 0, advisory: 0 });
    },
  );

  it("GIVEN the pack WHEN its audit-trail policies are listed THEN each is mandatory (a stack without the control must not deploy)", () => {
    const levels = PAYMENT_POLICIES.filter((p) =>
      [
        "waf-on-public-alb-in-prod",
        "waf-logs-redact-authorization",
        "alb-access-logs",
        "vpc-flow-logs",
        "archive-bucket-keeps-12-months",
      ].includes(p.name),
    ).map((p) => [p.name, p.enforcementLevel]);
    expect(levels).toEqual([
      ["waf-on-public-alb-in-prod", "mandatory"],
      ["waf-logs-redact-authorization", "mandatory"],
      ["alb-access-logs", "mandatory"],
      ["vpc-flow-logs", "mandatory"],
      ["archive-bucket-keeps-12-months", "mandatory"],
    ]);
  });

  it("GIVEN the design's TLS policy WHEN compared with the policy's THEN they are the same value, stated twice on purpose (the policy checks the design, it does not read it)", () => {
    expect(REQUIRED_TLS_POLICY).toBe(TLS_POLICY);
  });
});

describe("the plan of a stack with a mandatory control switched off", () => {
  const exit10 = "10: 1 mandatory policy violation: the stack must not deploy (10 wins over the savings and p99 codes)";

  it("GIVEN prod with wafMode=off WHEN planned THEN the pack reports exactly the WAF policy on the ALB, mandatory, and the plan exits 10", async () => {
    const { document } = await buildPlan("prod", ["wafMode=off"], PROJECT_DIR);
    expect(document.policies).toEqual({ violations: [CONTROL_OFF.waf("prod")], mandatory: 1, advisory: 0 });
    expect(planExitCode(document)).toBe(10);
    expect(exitLine(document)).toBe(exit10);
  });

  it("GIVEN dev with the whole audit trail off (access logs, flow logs, audit events) WHEN planned THEN no archive or delivery is built, exactly the access-log and flow-log policies fire, and the plan exits 10", async () => {
    const { document } = await buildPlan(
      "dev",
      ["albAccessLogs=false", "vpcFlowLogs=false", "auditEventsToArchive=false"],
      PROJECT_DIR,
    );
    const types = document.resources.map((r) => r.type);
    // Nothing writes to an archive, so none is built (lib/design/auditArchive.ts archiveNeeded).
    expect(types.filter((t) => t.startsWith("aws:s3/") || t === "aws:ec2/flowLog:FlowLog")).toEqual([]);
    expect(types.filter((t) => t === "payment:auditArchive:AuditArchive" || t === "payment:compliance:AuditDelivery")).toEqual(
      [],
    );
    expect(document.policies).toEqual({
      violations: [CONTROL_OFF.accessLogs("dev"), CONTROL_OFF.flowLogs("dev")],
      mandatory: 2,
      advisory: 0,
    });
    expect(planExitCode(document)).toBe(10);
    expect(exitLine(document)).toBe(
      "10: 2 mandatory policy violations: the stack must not deploy (10 wins over the savings and p99 codes)",
    );
  });
});

describe("the CrossGuard arguments built from registrations", () => {
  const resources = policyResources(registrations("prod"), stackOf("prod"));
  const named = (type: string, name: string) => resources.find((r) => r.type === type && r.name === name) as PolicyResource;

  it("GIVEN a service under its component WHEN converted THEN its URN chains the parents' types, and parent, provider and dependencies (in dependsOn order) are the CLI's", () => {
    const service = named("aws-native:ecs:Service", "payment-api-prod");
    expect(service.urn).toBe(
      "urn:pulumi:prod::payment-platform::payment:platform:PaymentPlatform$payment:compute:FargateService$aws-native:ecs:Service::payment-api-prod",
    );
    expect(service.opts.parent).toBe(
      "urn:pulumi:prod::payment-platform::payment:platform:PaymentPlatform$payment:compute:FargateService::api-service-prod",
    );
    expect(service.opts.ignoreChanges).toEqual(["desiredCount"]);
    expect(service.provider?.name).toBe("aws-native-us-east-1-prod");
    expect(service.dependencies.map((d) => `${d.type} ${d.name}`)).toEqual([
      "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders cluster-capacity-providers-prod",
      "aws:lb/listener:Listener https-listener-prod",
      "aws:iam/rolePolicy:RolePolicy api-execution-policy-prod",
      "aws:iam/rolePolicy:RolePolicy api-task-policy-prod",
      "aws:dynamodb/table:Table payments-prod",
    ]);
  });

  it("GIVEN the image, which shares its component's logical name WHEN converted THEN its parent is the component, not itself", () => {
    const image = named("docker-build:index:Image", "service-image-prod");
    expect(image.parent?.type).toBe("payment:compute:ServiceImage");
    expect(named("payment:platform:PaymentPlatform", "payment-platform-prod").parent).toBeUndefined();
  });

  it("GIVEN resource classes as CrossGuard sees them WHEN isType/asType are asked THEN the registered type decides, else isInstance, else no", () => {
    const key = named("aws:kms/key:Key", "payment-key-prod");
    class Key {
      static __pulumiType = "aws:kms/key:Key";
    }
    class Topic {
      static __pulumiType = "aws:sns/topic:Topic";
    }
    class ByInstance {
      static isInstance = (o: unknown) => (o as { __pulumiType: string }).__pulumiType === "aws:kms/key:Key";
    }
    class Untyped {}
    // Test doubles for generated resource classes: only their static type markers matter.
    const classes = [Key, Topic, ByInstance, Untyped] as never[];
    expect(classes.map((c) => key.isType(c))).toEqual([true, false, true, false]);
    expect(key.asType(classes[0])).toBe(key.props);
    expect(key.asType(classes[1])).toBeUndefined();
    expect(isTypeOf("aws:sns/topic:Topic", ByInstance)).toBe(false);
  });
});

describe("how the runner treats a policy", () => {
  const stack = [{ type: "aws:sns/topic:Topic", name: "t", custom: true, inputs: {}, options: {} }] as RecordedResource[];

  it("GIVEN remediate, default, disabled and remediation-only policies, an async check, stack findings without a URN and a config read WHEN run THEN remediate reports as mandatory, the default is advisory, disabled and remediation-only report nothing, and the config is empty", async () => {
    const report = await runPolicies(stack, stackOf("test"), [
      {
        name: "remediating",
        description: "d",
        enforcementLevel: "remediate",
        validateResource: async (_a, report) => report("fixed badly"),
      },
      {
        name: "defaulted",
        description: "d",
        validateResource: [(a, report) => report("one", a.urn), (a, report) => report("two", a.urn)],
      },
      { name: "off", description: "d", enforcementLevel: "disabled", validateResource: (_a, report) => report("never") },
      { name: "remediation-only", description: "d", enforcementLevel: "mandatory", remediateResource: () => undefined },
      {
        name: "stack-wide",
        description: "d",
        enforcementLevel: "advisory",
        validateStack: (_a, report) => report("about the stack"),
      },
      { name: "not-here", description: "d", enforcementLevel: "mandatory", validateStack: (a) => a.notApplicable() },
      {
        name: "configured",
        description: "d",
        enforcementLevel: "advisory",
        validateStack: (a, report) => report(`config ${JSON.stringify(a.getConfig())}`),
      },
    ]);
    expect(
      report.violations.map((v) => `${v.policy} ${v.enforcementLevel} ${v.resourceType} ${v.resourceName}: ${v.message}`),
    ).toEqual([
      "remediating mandatory (stack) (stack): fixed badly",
      "defaulted advisory aws:sns/topic:Topic t: one",
      "defaulted advisory aws:sns/topic:Topic t: two",
      "stack-wide advisory (stack) (stack): about the stack",
      "configured advisory (stack) (stack): config {}",
    ]);
    expect([report.mandatory, report.advisory]).toEqual([1, 4]);
  });

  it("GIVEN a policy that fails with an error of its own WHEN run THEN the error propagates: a broken policy is not a pass", async () => {
    const broken = { name: "broken", description: "d", validateResource: () => JSON.parse("{") };
    await expect(runPolicies(stack, stackOf("test"), [broken])).rejects.toThrow(SyntaxError);
  });
});

describe("the Policies section and exit code 10", () => {
  const prod: PlanDocument = JSON.parse(readFileSync(join(GOLDEN, "plan-prod.json"), "utf8"));
  const mandatory = {
    policy: "kms-key-rotation",
    enforcementLevel: "mandatory" as const,
    resourceType: "aws:kms/key:Key",
    resourceName: "payment-key-prod",
    message: "enableKeyRotation is not true",
  };

  it("GIVEN one mandatory and one advisory violation WHEN printed THEN the counts come first and each violation sits under its level", () => {
    const advisory = { ...CONTROL_OFF.flowLogs("prod"), enforcementLevel: "advisory" as const };
    expect(formatPolicyReport({ violations: [advisory, mandatory], mandatory: 1, advisory: 1 })).toEqual([
      "Policies (policy/, as pulumi preview --policy-pack policy): 1 mandatory violation, 1 advisory violation",
      "  mandatory (exit 10: the stack must not deploy):",
      "    kms-key-rotation: aws:kms/key:Key payment-key-prod: enableKeyRotation is not true",
      "  advisory (open gaps, reported without failing):",
      "    vpc-flow-logs: aws:ec2/vpc:Vpc vpc-prod: no flow log of ALL traffic: no record of the network's connections; set vpcFlowLogs true",
    ]);
  });

  it("GIVEN no violation WHEN printed THEN the section is its count line alone", () => {
    expect(formatPolicyReport({ violations: [], mandatory: 0, advisory: 0 })).toEqual([
      "Policies (policy/, as pulumi preview --policy-pack policy): 0 mandatory violations, 0 advisory violations",
    ]);
  });

  it("GIVEN a plan that meets both targets with only advisory violations WHEN its exit code is taken THEN it is 0 and nothing is said", () => {
    const io = captureIo();
    expect(targetsExitCode({ ...prod, policies: { violations: [], mandatory: 0, advisory: 3 } }, io)).toBe(0);
    expect(io.stderr).toEqual([]);
  });

  it("GIVEN a mandatory violation in a plan that also misses both targets WHEN its exit code is taken THEN 10 wins over 3 and 4, and every reason is printed", () => {
    const io = captureIo();
    const failing: PlanDocument = {
      ...prod,
      cost: { ...prod.cost, meetsTarget: false },
      slo: { ...prod.slo, meetsTarget: false },
      policies: { violations: [mandatory, mandatory], mandatory: 2, advisory: 0 },
    };
    expect(targetsExitCode(failing, io)).toBe(10);
    expect(exitLine(failing)).toBe(
      "10: 2 mandatory policy violations: the stack must not deploy (10 wins over the savings and p99 codes)",
    );
    expect(io.stderr).toHaveLength(3);
    expect(io.stderr[0]).toBe(
      'policy violated: 2 mandatory policy violations (listed under Policies); the stack must not deploy until the resources comply (README.md, "The policy pack").',
    );
  });
});
