/**
 * verify's AWS checks against the fake account of ../support/deployedStack.ts: first the stack as the
 * program registers it (every finding passes), then one changed AWS answer per row, one finding that
 * no longer passes: each row starts from the stack as
 * deployed (../support/deployedStack.ts), changes what one call returns, runs the one check that
 * reads it, and expects exactly these findings to be the ones that do not pass.
 */
import {
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
  DescribeScheduledActionsCommand,
} from "@aws-sdk/client-application-auto-scaling";
import { DescribeBudgetCommand } from "@aws-sdk/client-budgets";
import { DescribeAlarmsCommand, GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { DescribeLogGroupsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { GetAnomalyMonitorsCommand } from "@aws-sdk/client-cost-explorer";
import { DescribeContinuousBackupsCommand, DescribeTableCommand, DescribeTimeToLiveCommand } from "@aws-sdk/client-dynamodb";
import {
  DescribeClustersCommand,
  DescribeServiceRevisionsCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ListTasksCommand,
} from "@aws-sdk/client-ecs";
import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupAttributesCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import { CheckResult } from "../../../../lib/checks/checkResult";
import { runChecks } from "../../../../lib/checks/runChecks";
import { latencyCheck } from "../../../../lib/checks/verify/latencyCheck";
import { expectedMinimums, lastScheduleChange } from "../../../../lib/checks/verify/scalingChecks";
import { AWS_VERIFY_CHECKS } from "../../../../lib/checks/verify/verifyChecks";
import { VerifyContext } from "../../../../lib/checks/verify/verifyContext";
import {
  albArn,
  answerAsDeployed,
  BUSINESS_HOURS,
  awsMocks,
  AwsMocks,
  DeployedAnswers,
  targetGroupArn,
  withService,
} from "../support/deployedStack";
import { awsError } from "../support/awsError";
import { stepScalingCooldownSeconds } from "../../../../lib/design/scalingPolicies";
import { PlatformSpec, webService } from "../../../../lib/spec";
import { stackSpec, verifyContext } from "./support";

let mocks: AwsMocks;
beforeEach(() => {
  mocks = awsMocks();
});
afterEach(() => mocks.restore());

const CHECKS = [...AWS_VERIFY_CHECKS, latencyCheck];

type Expected = Pick<CheckResult, "subject" | "status" | "expected" | "found"> & { failureClass?: CheckResult["failureClass"] };

/** The findings of one check that do not pass, as the fields a row states. */
async function notPassing(checkId: string, ctx: VerifyContext): Promise<Expected[]> {
  const results = await runChecks(
    CHECKS.filter((c) => c.id === checkId),
    ctx,
  );
  return results
    .filter((r) => r.status !== "pass")
    .map((r) => {
      expect(r.action).toEqual(expect.stringMatching(/\w+/));
      return {
        subject: r.subject,
        status: r.status,
        expected: r.expected,
        found: r.found,
        ...(r.failureClass ? { failureClass: r.failureClass } : {}),
      };
    });
}

interface Row {
  name: string;
  stack?: string;
  check: string;
  change: (m: AwsMocks, answers: DeployedAnswers) => void;
  ctx?: Partial<VerifyContext>;
  findings: Expected[];
}

const DEV_API = "payment-api-dev";
/**
 * dev with an off-hours schedule. As shipped, dev's minimum (1) is its off-hours minimum, so the
 * program makes no schedule (lib/design/scalingPolicies.ts scheduledMinimums); the rows and tests
 * about the schedule pin a business-hours minimum of 10 over the off-hours 1 (dev before December
 * 2026), so that the schedule exists and they keep their subject.
 */
function devWithSchedule(): PlatformSpec {
  const spec = stackSpec("dev");
  return { ...spec, services: { ...spec.services, api: { ...spec.services.api, minTasks: 10 } } };
}
const DEV_WITH_SCHEDULE = devWithSchedule();
/** dev's API maximum (23 since December 2026), which every scalable-target and scheduled-action answer carries. */
const DEV_MAX = DEV_WITH_SCHEDULE.services.api.maxTasks;
/**
 * dev's step policy as verify states it: stepScalingSteps auto at its 35% CPU target, one step from
 * the 45% alarm adding 200%; its cooldown the derived one (85 s for the defaults), read from the design.
 */
const DEV_STEP_POLICY = `PercentChangeInCapacity cooldown ${stepScalingCooldownSeconds(stackSpec("dev"))} s, at least 1, steps [0, ∞) +200%, alarms payment-api-cpu-step-scale-out-dev`;
const ROWS: Row[] = [
  {
    name: "the cluster is not found",
    check: "ecs.cluster",
    change: (m) => void m.ecs.on(DescribeClustersCommand).resolves({ clusters: [] }),
    findings: [
      { subject: "ecs-cluster-dev", status: "fail", expected: "an ACTIVE cluster", found: "not found", failureClass: "drift" },
    ],
  },
  {
    name: "Container Insights was turned off in the console and the cluster is INACTIVE",
    check: "ecs.cluster",
    change: (m) =>
      void m.ecs
        .on(DescribeClustersCommand)
        .resolves({ clusters: [{ clusterName: "ecs-cluster-dev", status: "INACTIVE", capacityProviders: ["FARGATE"] }] }),
    findings: [
      { subject: "ecs-cluster-dev status", status: "fail", expected: "ACTIVE", found: "INACTIVE", failureClass: "health" },
      {
        subject: "ecs-cluster-dev Container Insights",
        status: "fail",
        expected: "enhanced",
        found: "disabled",
        failureClass: "drift",
      },
      {
        subject: "ecs-cluster-dev capacity providers",
        status: "fail",
        expected: "FARGATE, FARGATE_SPOT",
        found: "FARGATE",
        failureClass: "drift",
      },
    ],
  },
  {
    name: "ECS reports a cluster without status or providers",
    check: "ecs.cluster",
    change: (m) =>
      void m.ecs.on(DescribeClustersCommand).resolves({
        clusters: [{ clusterName: "ecs-cluster-dev", settings: [{ name: "containerInsights", value: "enhanced" }] }],
      }),
    findings: [
      { subject: "ecs-cluster-dev status", status: "fail", expected: "ACTIVE", found: "unknown", failureClass: "health" },
      {
        subject: "ecs-cluster-dev capacity providers",
        status: "fail",
        expected: "FARGATE, FARGATE_SPOT",
        found: "",
        failureClass: "drift",
      },
    ],
  },
  {
    name: "the API service is missing and the worker INACTIVE",
    check: "ecs.service.steady",
    change: (m, a) => {
      const { services } = withService(a, "payment-worker-dev", (s) => ({ ...s, status: "INACTIVE" }));
      m.ecs.on(DescribeServicesCommand).resolves({ services: services.filter((s) => s.serviceName !== DEV_API) });
    },
    findings: [
      { subject: DEV_API, status: "fail", expected: "an ACTIVE service", found: "not found", failureClass: "drift" },
      { subject: "payment-worker-dev", status: "fail", expected: "an ACTIVE service", found: "INACTIVE", failureClass: "drift" },
    ],
  },
  {
    name: "the stack was never deployed: ECS has no such cluster",
    check: "ecs.service.steady",
    change: (m) => void m.ecs.on(DescribeServicesCommand).rejects(awsError("ClusterNotFoundException", "Cluster not found.")),
    findings: [DEV_API, "payment-worker-dev"].map((subject) => ({
      subject,
      status: "fail" as const,
      expected: "an ACTIVE service",
      found: "not found",
      failureClass: "drift" as const,
    })),
  },
  {
    name: "no cluster for the tasks either",
    check: "ecs.tasks",
    change: (m) => void m.ecs.on(ListTasksCommand).rejects(awsError("ClusterNotFoundException", "Cluster not found.")),
    findings: [
      {
        subject: `${DEV_API} tasks`,
        status: "warn",
        expected: "8 tasks (4 FARGATE + 4 FARGATE_SPOT), the plan for hour 34 of the week (US Eastern)",
        found: "0 tasks (0 FARGATE + 0 FARGATE_SPOT)",
      },
      {
        subject: "payment-worker-dev tasks",
        status: "warn",
        expected: "1 task (0 FARGATE + 1 FARGATE_SPOT), the plan for hour 34 of the week (US Eastern)",
        found: "0 tasks (0 FARGATE + 0 FARGATE_SPOT)",
      },
    ],
  },
  {
    name: "a rollout is still in progress",
    check: "ecs.service.steady",
    change: (m, a) =>
      void m.ecs.on(DescribeServicesCommand).resolves(
        withService(a, DEV_API, (s) => ({
          ...s,
          runningCount: 3,
          deployments: [
            { status: "PRIMARY", rolloutState: "IN_PROGRESS" },
            { status: "ACTIVE", rolloutState: "COMPLETED" },
          ],
        })),
      ),
    findings: [
      {
        subject: DEV_API,
        status: "fail",
        expected: "ACTIVE, 8 of 8 tasks running, 1 deployment, rollout COMPLETED",
        found: "ACTIVE, 3 of 8 tasks running, 2 deployments, rollout IN_PROGRESS",
        failureClass: "health",
      },
    ],
  },
  {
    name: "a service reports no deployments",
    check: "ecs.service.steady",
    change: (m, a) =>
      void m.ecs.on(DescribeServicesCommand).resolves(withService(a, DEV_API, (s) => ({ ...s, deployments: undefined }))),
    findings: [
      {
        subject: DEV_API,
        status: "fail",
        expected: "ACTIVE, 8 of 8 tasks running, 1 deployment, rollout COMPLETED",
        found: "ACTIVE, 8 of 8 tasks running, 0 deployments, rollout none",
        failureClass: "health",
      },
    ],
  },
  {
    name: "the API was moved to Spot only and into a public subnet with public IPs",
    check: "ecs.service.placement",
    change: (m, a) =>
      void m.ecs.on(DescribeServicesCommand).resolves(
        withService(a, DEV_API, (s) => ({
          ...s,
          capacityProviderStrategy: [{ capacityProvider: "FARGATE_SPOT", weight: 1 }],
          networkConfiguration: { awsvpcConfiguration: { subnets: ["public-subnet-a-dev-id"], assignPublicIp: "ENABLED" } },
        })),
      ),
    findings: [
      {
        subject: `${DEV_API} capacity provider strategy`,
        status: "fail",
        // dev's strategy since December 2026: base 0, weights 1:1.
        expected: "FARGATE base 0 weight 1, FARGATE_SPOT base 0 weight 1",
        found: "FARGATE_SPOT base 0 weight 1",
        failureClass: "drift",
      },
      {
        subject: `${DEV_API} network`,
        status: "fail",
        expected: "private subnets only, public IP DISABLED",
        found: "subnets public-subnet-a-dev-id, public IP ENABLED",
        failureClass: "drift",
      },
    ],
  },
  {
    name: "a service reports no strategy and no network configuration",
    check: "ecs.service.placement",
    change: (m, a) =>
      void m.ecs.on(DescribeServicesCommand).resolves(
        withService(a, "payment-worker-dev", (s) => ({
          ...s,
          capacityProviderStrategy: undefined,
          networkConfiguration: undefined,
        })),
      ),
    findings: [
      {
        subject: "payment-worker-dev capacity provider strategy",
        status: "fail",
        expected: "FARGATE_SPOT base 0 weight 1",
        found: "",
        failureClass: "drift",
      },
      {
        subject: "payment-worker-dev network",
        status: "fail",
        expected: "private subnets only, public IP DISABLED",
        found: "subnets none, public IP unknown",
        failureClass: "drift",
      },
    ],
  },
  {
    name: "a task definition runs on X86_64, another names no platform (X86_64, ECS's default)",
    check: "ecs.task.architecture",
    change: (m) =>
      void m.ecs
        .on(DescribeTaskDefinitionCommand)
        .resolvesOnce({ taskDefinition: { runtimePlatform: { cpuArchitecture: "X86_64" } } })
        .resolvesOnce({ taskDefinition: {} }),
    findings: [
      {
        subject: `${DEV_API} arn:aws:ecs:us-east-1:123456789012:task-definition/payment-api-dev:1`,
        status: "fail",
        expected: "ARM64",
        found: "X86_64",
        failureClass: "drift",
      },
      {
        subject: "payment-worker-dev arn:aws:ecs:us-east-1:123456789012:task-definition/payment-worker-dev:1",
        status: "fail",
        expected: "ARM64",
        found: "X86_64",
        failureClass: "drift",
      },
    ],
  },
  {
    name: "a revision publishes 60-second metrics, and one has no monitoring configuration",
    check: "ecs.service.monitoring",
    change: (m) =>
      void m.ecs.on(DescribeServiceRevisionsCommand).resolves({
        serviceRevisions: [
          {
            serviceRevisionArn: "rev-1",
            monitoring: {
              metricConfigurations: [{ metricNames: ["MemoryUtilization", "CPUUtilization"], resolutionSeconds: 60 }],
            },
          },
          { serviceRevisionArn: "rev-2" },
        ],
      }),
    findings: [1, 2]
      .flatMap((i) =>
        [DEV_API, "payment-worker-dev"].map((name) => ({
          subject: `${name} revision rev-${i}`,
          status: "fail" as const,
          expected: "CPUUtilization, MemoryUtilization at 20 s",
          found: "CPUUtilization, MemoryUtilization at 60 s",
          failureClass: "drift" as const,
        })),
      )
      .sort((a, b) =>
        a.subject.startsWith(DEV_API) === b.subject.startsWith(DEV_API) ? 0 : a.subject.startsWith(DEV_API) ? -1 : 1,
      ),
  },
  {
    name: "a service has no current revision yet",
    check: "ecs.service.monitoring",
    change: (m, a) =>
      void m.ecs
        .on(DescribeServicesCommand)
        .resolves(withService(a, DEV_API, (s) => ({ ...s, currentServiceRevisions: undefined }))),
    findings: [
      {
        subject: DEV_API,
        status: "fail",
        expected: "CPUUtilization, MemoryUtilization at 20 s",
        found: "no current service revision",
        failureClass: "drift",
      },
    ],
  },
  {
    name: "the ALB is not found",
    check: "elb.loadBalancer",
    change: (m) => void m.elb.on(DescribeLoadBalancersCommand).rejects(awsError("LoadBalancerNotFoundException")),
    findings: [
      {
        subject: "payment-alb-dev",
        status: "fail",
        expected: "the stack's load balancer",
        found: "not found",
        failureClass: "drift",
      },
    ],
  },
  {
    name: "the ALB is still provisioning and internal",
    check: "elb.loadBalancer",
    change: (m) =>
      void m.elb.on(DescribeLoadBalancersCommand).resolves({
        LoadBalancers: [{ LoadBalancerArn: albArn("payment-alb-dev"), State: { Code: "provisioning" }, Scheme: "internal" }],
      }),
    findings: [
      { subject: "payment-alb-dev state", status: "fail", expected: "active", found: "provisioning", failureClass: "health" },
      {
        subject: "payment-alb-dev scheme",
        status: "fail",
        expected: "internet-facing",
        found: "internal",
        failureClass: "drift",
      },
    ],
  },
  {
    name: "ELB answers a load balancer without state or scheme",
    check: "elb.loadBalancer",
    change: (m) =>
      void m.elb.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [{ LoadBalancerArn: albArn("payment-alb-dev") }] }),
    findings: [
      { subject: "payment-alb-dev state", status: "fail", expected: "active", found: "unknown", failureClass: "health" },
      { subject: "payment-alb-dev scheme", status: "fail", expected: "internet-facing", found: "unknown", failureClass: "drift" },
    ],
  },
  {
    name: "the listeners check finds no ALB",
    check: "elb.listeners",
    change: (m) => void m.elb.on(DescribeLoadBalancersCommand).rejects(awsError("LoadBalancerNotFoundException")),
    findings: [
      {
        subject: "payment-alb-dev",
        status: "fail",
        expected: "the stack's load balancer",
        found: "not found",
        failureClass: "drift",
      },
    ],
  },
  {
    name: "port 80 forwards instead of redirecting and 443 is gone",
    check: "elb.listeners",
    change: (m) =>
      void m.elb.on(DescribeListenersCommand).resolves({
        Listeners: [
          { Port: 80, Protocol: "HTTP", DefaultActions: [{ Type: "forward", TargetGroupArn: targetGroupArn("api-8080-dev") }] },
        ],
      }),
    findings: [
      { subject: "listener ports", status: "fail", expected: "80, 443", found: "80", failureClass: "drift" },
      {
        subject: "443 listener",
        status: "fail",
        expected: `HTTPS, ELBSecurityPolicy-TLS13-1-2-Res-2021-06, the stack's self-signed certificate, forward ${targetGroupArn("api-8080-dev")}`,
        found: "missing",
        failureClass: "drift",
      },
      {
        subject: "80 listener",
        status: "fail",
        expected: "HTTP, redirect HTTPS:443 HTTP_301",
        found: `HTTP, forward ${targetGroupArn("api-8080-dev")}`,
        failureClass: "drift",
      },
    ],
  },
  {
    name: "prod's HTTPS listener has an older policy and another certificate, and port 80 is missing",
    stack: "prod",
    check: "elb.listeners",
    change: (m) =>
      void m.elb.on(DescribeListenersCommand).resolves({
        Listeners: [
          {
            Port: 443,
            Protocol: "HTTPS",
            SslPolicy: "ELBSecurityPolicy-2016-08",
            Certificates: [{ CertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/other" }],
            DefaultActions: [{ Type: "fixed-response" }],
          },
        ],
      }),
    findings: [
      { subject: "listener ports", status: "fail", expected: "80, 443", found: "443", failureClass: "drift" },
      {
        subject: "443 listener",
        status: "fail",
        expected: `HTTPS, ELBSecurityPolicy-TLS13-1-2-Res-2021-06, arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000, forward ${targetGroupArn("api-8080-prod")}`,
        found: "HTTPS, ELBSecurityPolicy-2016-08, arn:aws:acm:us-east-1:123456789012:certificate/other, fixed-response",
        failureClass: "drift",
      },
      {
        subject: "80 listener",
        status: "fail",
        expected: "HTTP, redirect HTTPS:443 HTTP_301",
        found: "missing",
        failureClass: "drift",
      },
    ],
  },
  {
    name: "the HTTPS listener has no certificate, ELB lists no listeners' actions, and the target group is gone",
    check: "elb.listeners",
    change: (m) => {
      m.elb.on(DescribeTargetGroupsCommand).rejects(awsError("TargetGroupNotFoundException"));
      m.elb.on(DescribeListenersCommand).resolves({
        Listeners: [
          { Port: 443, Protocol: "HTTPS", SslPolicy: "ELBSecurityPolicy-TLS13-1-2-Res-2021-06" },
          { Port: 80, Protocol: "HTTP" },
        ],
      });
    },
    findings: [
      {
        subject: "443 listener",
        status: "fail",
        expected: "HTTPS, ELBSecurityPolicy-TLS13-1-2-Res-2021-06, the stack's self-signed certificate, forward api-8080-dev",
        found: "HTTPS, ELBSecurityPolicy-TLS13-1-2-Res-2021-06, no certificate, ",
        failureClass: "drift",
      },
      {
        subject: "80 listener",
        status: "fail",
        expected: "HTTP, redirect HTTPS:443 HTTP_301",
        found: "HTTP, ",
        failureClass: "drift",
      },
    ],
  },
  {
    name: "ELB describes no listeners at all",
    check: "elb.listeners",
    change: (m) => void m.elb.on(DescribeListenersCommand).resolves({}),
    findings: [
      { subject: "listener ports", status: "fail", expected: "80, 443", found: "", failureClass: "drift" },
      {
        subject: "443 listener",
        status: "fail",
        expected: `HTTPS, ELBSecurityPolicy-TLS13-1-2-Res-2021-06, the stack's self-signed certificate, forward ${targetGroupArn("api-8080-dev")}`,
        found: "missing",
        failureClass: "drift",
      },
      {
        subject: "80 listener",
        status: "fail",
        expected: "HTTP, redirect HTTPS:443 HTTP_301",
        found: "missing",
        failureClass: "drift",
      },
    ],
  },
  {
    name: "the target group is not found",
    check: "elb.targetGroup",
    change: (m) => void m.elb.on(DescribeTargetGroupsCommand).rejects(awsError("TargetGroupNotFoundException")),
    findings: [
      {
        subject: "api-8080-dev",
        status: "fail",
        expected: "the stack's target group",
        found: "not found",
        failureClass: "drift",
      },
    ],
  },
  {
    name: "someone changed the health check path, the deregistration delay and the routing",
    check: "elb.targetGroup",
    change: (m) => {
      m.elb.on(DescribeTargetGroupsCommand).resolves({
        TargetGroups: [
          {
            TargetGroupArn: targetGroupArn("api-8080-dev"),
            HealthCheckPath: "/",
            HealthCheckIntervalSeconds: 30,
            HealthCheckTimeoutSeconds: 5,
            HealthyThresholdCount: 5,
            UnhealthyThresholdCount: 2,
            Matcher: { HttpCode: "200-399" },
          },
        ],
      });
      m.elb.on(DescribeTargetGroupAttributesCommand).resolves({
        Attributes: [
          { Key: "deregistration_delay.timeout_seconds", Value: "300" },
          { Key: "load_balancing.algorithm.type", Value: "round_robin" },
        ],
      });
    },
    findings: [
      {
        subject: "api-8080-dev health check",
        status: "fail",
        expected: "/ready every 10 s, timeout 5 s, healthy 2, unhealthy 3, 200",
        found: "/ every 30 s, timeout 5 s, healthy 5, unhealthy 2, 200-399",
        failureClass: "drift",
      },
      { subject: "api-8080-dev deregistration delay", status: "fail", expected: "30 s", found: "300 s", failureClass: "drift" },
      {
        subject: "api-8080-dev routing",
        status: "fail",
        expected: "least_outstanding_requests",
        found: "round_robin",
        failureClass: "drift",
      },
    ],
  },
  {
    name: "ELB returns no target group attributes",
    check: "elb.targetGroup",
    change: (m) => void m.elb.on(DescribeTargetGroupAttributesCommand).resolves({}),
    findings: [
      { subject: "api-8080-dev deregistration delay", status: "fail", expected: "30 s", found: "unset s", failureClass: "drift" },
      {
        subject: "api-8080-dev routing",
        status: "fail",
        expected: "least_outstanding_requests",
        found: "unset",
        failureClass: "drift",
      },
    ],
  },
  {
    name: "the target health check finds no target group",
    check: "elb.targetHealth",
    change: (m) => void m.elb.on(DescribeTargetGroupsCommand).rejects(awsError("TargetGroupNotFoundException")),
    findings: [
      {
        subject: "api-8080-dev",
        status: "fail",
        expected: "the stack's target group",
        found: "not found",
        failureClass: "drift",
      },
    ],
  },
  {
    name: "one target fails its health check while another drains",
    check: "elb.targetHealth",
    change: (m) =>
      void m.elb.on(DescribeTargetHealthCommand).resolves({
        TargetHealthDescriptions: [
          { Target: { Id: "10.0.64.10" }, TargetHealth: { State: "healthy" } },
          { Target: { Id: "10.0.64.11" }, TargetHealth: { State: "unhealthy", Reason: "Target.ResponseCodeMismatch" } },
          { Target: { Id: "10.0.64.12" }, TargetHealth: { State: "initial" } },
          { Target: { Id: "10.0.64.13" }, TargetHealth: { State: "draining" } },
        ],
      }),
    findings: [
      {
        subject: "api-8080-dev",
        status: "fail",
        expected: "3 of 3 healthy",
        found: "1 of 3 healthy; 10.0.64.11 unhealthy (Target.ResponseCodeMismatch); 10.0.64.12 initial (no reason)",
        failureClass: "health",
      },
    ],
  },
  {
    name: "no target is registered",
    check: "elb.targetHealth",
    change: (m) => void m.elb.on(DescribeTargetHealthCommand).resolves({}),
    findings: [
      {
        subject: "api-8080-dev",
        status: "fail",
        expected: "at least one healthy target",
        found: "no registered targets",
        failureClass: "health",
      },
    ],
  },
  {
    name: "ELB denies DescribeLoadBalancers",
    check: "elb.loadBalancer",
    change: (m) =>
      void m.elb
        .on(DescribeLoadBalancersCommand)
        .rejects(awsError("AccessDenied", "User: arn:aws:sts::123456789012:assumed-role/ci is not authorized")),
    findings: [
      {
        subject: "(check)",
        status: "fail",
        expected: "the check can read what it needs",
        found: "access denied (AccessDenied: User: arn:aws:sts::123456789012:assumed-role/ci is not authorized)",
        failureClass: "access",
      },
    ],
  },
  {
    name: "ELB throttles the target group lookup past the retries",
    check: "elb.targetHealth",
    change: (m) => void m.elb.on(DescribeTargetGroupsCommand).rejects(awsError("Throttling", "Rate exceeded")),
    findings: [
      {
        subject: "(check)",
        status: "fail",
        expected: "the check can read what it needs",
        found: "throttled by AWS after the SDK's retries (Throttling: Rate exceeded)",
        failureClass: "access",
      },
    ],
  },
  {
    name: "the web service's scalable target is not registered and the worker's bounds changed",
    check: "autoscaling.targets",
    change: (m) =>
      void m.autoscaling.on(DescribeScalableTargetsCommand).resolves({
        ScalableTargets: [
          {
            ServiceNamespace: "ecs",
            RoleARN: "arn:aws:iam::123456789012:role/scaling",
            CreationTime: new Date(),
            ResourceId: "service/ecs-cluster-dev/payment-worker-dev",
            ScalableDimension: "ecs:service:DesiredCount",
            MinCapacity: 2,
            MaxCapacity: 2,
          },
        ],
      }),
    findings: [
      {
        subject: "service/ecs-cluster-dev/payment-api-dev",
        status: "fail",
        expected: "min 1, max 23",
        found: "not registered",
        failureClass: "drift",
      },
      {
        subject: "service/ecs-cluster-dev/payment-worker-dev",
        status: "fail",
        expected: "min 1, max 2",
        found: "min 2, max 2",
        failureClass: "drift",
      },
    ],
  },
  {
    name: "Saturday noon, the target registered on Tuesday and still at the business-hours minimum (the schedule applies bounds, not pulumi up)",
    check: "autoscaling.targets",
    ctx: { now: new Date("2026-12-05T17:00:00Z"), spec: DEV_WITH_SCHEDULE },
    change: (m) =>
      void m.autoscaling.on(DescribeScalableTargetsCommand).resolves({
        ScalableTargets: [
          ["payment-api-dev", 10, DEV_MAX],
          ["payment-worker-dev", 1, 2],
        ].map(([name, min, max]) => ({
          ServiceNamespace: "ecs",
          RoleARN: "arn:aws:iam::123456789012:role/scaling",
          CreationTime: BUSINESS_HOURS,
          ResourceId: `service/ecs-cluster-dev/${name}`,
          ScalableDimension: "ecs:service:DesiredCount",
          MinCapacity: min as number,
          MaxCapacity: max as number,
        })),
      }),
    findings: [
      { subject: "service/ecs-cluster-dev/payment-api-dev", status: "warn", expected: "min 1, max 23", found: "min 10, max 23" },
    ],
  },
  {
    name: "a deploy on Saturday morning: the target registered after Friday evening's lowering keeps apiMinTasks until Monday",
    check: "autoscaling.targets",
    ctx: { now: new Date("2026-12-05T17:00:00Z"), spec: DEV_WITH_SCHEDULE },
    change: (m) =>
      void m.autoscaling.on(DescribeScalableTargetsCommand).resolves({
        ScalableTargets: [
          ["payment-api-dev", 10, DEV_MAX],
          ["payment-worker-dev", 1, 2],
        ].map(([name, min, max]) => ({
          ServiceNamespace: "ecs",
          RoleARN: "arn:aws:iam::123456789012:role/scaling",
          CreationTime: new Date("2026-12-05T13:00:00Z"),
          ResourceId: `service/ecs-cluster-dev/${name}`,
          ScalableDimension: "ecs:service:DesiredCount",
          MinCapacity: min as number,
          MaxCapacity: max as number,
        })),
      }),
    findings: [],
  },
  {
    name: "AWS answers no scalable targets",
    check: "autoscaling.targets",
    change: (m) => void m.autoscaling.on(DescribeScalableTargetsCommand).resolves({}),
    findings: [
      {
        subject: "service/ecs-cluster-dev/payment-api-dev",
        status: "fail",
        expected: "min 1, max 23",
        found: "not registered",
        failureClass: "drift",
      },
      {
        subject: "service/ecs-cluster-dev/payment-worker-dev",
        status: "fail",
        expected: "min 1, max 2",
        found: "not registered",
        failureClass: "drift",
      },
    ],
  },
  {
    name: "the API's policies and schedule are gone, and the worker's target was changed",
    check: "autoscaling.policies",
    ctx: { spec: DEV_WITH_SCHEDULE },
    change: (m) => {
      m.autoscaling
        .on(DescribeScalingPoliciesCommand, { ServiceNamespace: "ecs", ResourceId: "service/ecs-cluster-dev/payment-api-dev" })
        .resolves({});
      m.autoscaling
        .on(DescribeScheduledActionsCommand, { ServiceNamespace: "ecs", ResourceId: "service/ecs-cluster-dev/payment-api-dev" })
        .resolves({});
      m.autoscaling
        .on(DescribeScalingPoliciesCommand, { ServiceNamespace: "ecs", ResourceId: "service/ecs-cluster-dev/payment-worker-dev" })
        .resolves({
          ScalingPolicies: [
            {
              PolicyARN: "arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:worker",
              ServiceNamespace: "ecs",
              ResourceId: "service/ecs-cluster-dev/payment-worker-dev",
              ScalableDimension: "ecs:service:DesiredCount",
              PolicyType: "TargetTrackingScaling",
              CreationTime: new Date(),
              PolicyName: "worker-cpu-tracking-dev",
              TargetTrackingScalingPolicyConfiguration: {
                TargetValue: 50,
                ScaleOutCooldown: 60,
                ScaleInCooldown: 300,
                PredefinedMetricSpecification: { PredefinedMetricType: "ECSServiceAverageCPUUtilization" },
              },
            },
          ],
        });
    },
    findings: [
      ...["api-cpu-tracking-dev", "api-memory-tracking-dev", "api-requests-tracking-dev"].map((subject, i) => ({
        subject,
        status: "fail" as const,
        expected: [
          "ECSServiceAverageCPUUtilizationHighResolution at 35, cooldowns 30 s out / 300 s in",
          "ECSServiceAverageMemoryUtilizationHighResolution at 75, cooldowns 30 s out / 300 s in",
          "ALBRequestCountPerTarget at 3000, cooldowns 30 s out / 300 s in, label app/payment-alb-dev/50dc6c495c0c9188/targetgroup/api-8080-dev/73e2d6bc24d8a067",
        ][i],
        found: "not registered",
        failureClass: "drift" as const,
      })),
      {
        subject: "api-predictive-dev",
        status: "fail",
        expected: "predictive ForecastOnly",
        found: "not registered",
        failureClass: "drift",
      },
      {
        subject: "api-cpu-step-scaling-dev",
        status: "fail",
        expected: DEV_STEP_POLICY,
        found: "not registered",
        failureClass: "drift",
      },
      {
        subject: "api-business-hours-minimum-dev",
        status: "fail",
        expected: "cron(0 7 ? * MON-FRI *) America/New_York, min 10, max 23",
        found: "not registered",
        failureClass: "drift",
      },
      {
        subject: "api-off-hours-minimum-dev",
        status: "fail",
        expected: "cron(0 20 ? * MON-FRI *) America/New_York, min 1, max 23",
        found: "not registered",
        failureClass: "drift",
      },
      {
        subject: "worker-cpu-tracking-dev",
        status: "fail",
        expected: "ECSServiceAverageCPUUtilizationHighResolution at 70, cooldowns 30 s out / 300 s in",
        found: "ECSServiceAverageCPUUtilization at 50, cooldowns 60 s out / 300 s in",
        failureClass: "drift",
      },
    ],
  },
  {
    name: "dev with a schedule, its two scheduled actions registered, and the off-hours minimum raised to 2 in the console",
    check: "autoscaling.policies",
    ctx: { spec: DEV_WITH_SCHEDULE },
    change: (m) =>
      void m.autoscaling
        .on(DescribeScheduledActionsCommand, { ServiceNamespace: "ecs", ResourceId: "service/ecs-cluster-dev/payment-api-dev" })
        .resolves({
          ScheduledActions: [
            ["api-business-hours-minimum-dev", "cron(0 7 ? * MON-FRI *)", 10],
            ["api-off-hours-minimum-dev", "cron(0 20 ? * MON-FRI *)", 2],
          ].map(([name, schedule, min]) => ({
            ScheduledActionName: name as string,
            ScheduledActionARN: `arn:aws:autoscaling:us-east-1:123456789012:scheduledAction:${name}`,
            ServiceNamespace: "ecs",
            ResourceId: "service/ecs-cluster-dev/payment-api-dev",
            ScalableDimension: "ecs:service:DesiredCount",
            CreationTime: BUSINESS_HOURS,
            Schedule: schedule as string,
            Timezone: "America/New_York",
            ScalableTargetAction: { MinCapacity: min as number, MaxCapacity: DEV_MAX },
          })),
        }),
    findings: [
      {
        subject: "api-off-hours-minimum-dev",
        status: "fail",
        expected: "cron(0 20 ? * MON-FRI *) America/New_York, min 1, max 23",
        found: "cron(0 20 ? * MON-FRI *) America/New_York, min 2, max 23",
        failureClass: "drift",
      },
    ],
  },
  {
    name: "the request-count policy lost its resource label",
    check: "autoscaling.policies",
    change: (m) =>
      void m.autoscaling
        .on(DescribeScalingPoliciesCommand, { ServiceNamespace: "ecs", ResourceId: "service/ecs-cluster-dev/payment-api-dev" })
        .resolves({
          ScalingPolicies: [
            {
              PolicyARN: "arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:requests",
              ServiceNamespace: "ecs",
              ResourceId: "service/ecs-cluster-dev/payment-api-dev",
              ScalableDimension: "ecs:service:DesiredCount",
              PolicyType: "TargetTrackingScaling",
              CreationTime: new Date(),
              PolicyName: "api-requests-tracking-dev",
              TargetTrackingScalingPolicyConfiguration: {
                TargetValue: 3000,
                ScaleOutCooldown: 30,
                ScaleInCooldown: 300,
                PredefinedMetricSpecification: { PredefinedMetricType: "ALBRequestCountPerTarget" },
              },
            },
          ],
        }),
    findings: [
      [
        "api-cpu-tracking-dev",
        "ECSServiceAverageCPUUtilizationHighResolution at 35, cooldowns 30 s out / 300 s in",
        "not registered",
      ],
      [
        "api-memory-tracking-dev",
        "ECSServiceAverageMemoryUtilizationHighResolution at 75, cooldowns 30 s out / 300 s in",
        "not registered",
      ],
      [
        "api-requests-tracking-dev",
        "ALBRequestCountPerTarget at 3000, cooldowns 30 s out / 300 s in, label app/payment-alb-dev/50dc6c495c0c9188/targetgroup/api-8080-dev/73e2d6bc24d8a067",
        "ALBRequestCountPerTarget at 3000, cooldowns 30 s out / 300 s in, label none",
      ],
      ["api-predictive-dev", "predictive ForecastOnly", "not registered"],
      ["api-cpu-step-scaling-dev", DEV_STEP_POLICY, "not registered"],
    ].map(([subject, expected, found]) => ({
      subject,
      status: "fail" as const,
      expected,
      found,
      failureClass: "drift" as const,
    })),
  },
  {
    name: "the request-count policy names another target group, and the ALB is gone for the label",
    check: "autoscaling.policies",
    change: (m) => {
      m.elb.on(DescribeLoadBalancersCommand).rejects(awsError("LoadBalancerNotFoundException"));
    },
    findings: [
      {
        subject: "api-requests-tracking-dev",
        status: "fail",
        expected:
          "ALBRequestCountPerTarget at 3000, cooldowns 30 s out / 300 s in, label (the stack's ALB and target group: not found)",
        found:
          "ALBRequestCountPerTarget at 3000, cooldowns 30 s out / 300 s in, label app/payment-alb-dev/50dc6c495c0c9188/targetgroup/api-8080-dev/73e2d6bc24d8a067",
        failureClass: "drift",
      },
    ],
  },
  {
    name: "a log group is gone, another lost its key and retention, the third changed class",
    check: "logs.groups",
    change: (m) => {
      m.logs
        .on(DescribeLogGroupsCommand, { logGroupNamePrefix: "/ecs/payment-api-dev" })
        .resolves({ logGroups: [{ logGroupName: "/ecs/payment-api-dev-old" }] });
      m.logs
        .on(DescribeLogGroupsCommand, { logGroupNamePrefix: "/ecs/payment-worker-dev" })
        .resolves({ logGroups: [{ logGroupName: "/ecs/payment-worker-dev" }] });
      m.logs
        .on(DescribeLogGroupsCommand, { logGroupNamePrefix: "/aws/ecs/containerinsights/ecs-cluster-dev/performance" })
        .resolves({
          logGroups: [
            {
              logGroupName: "/aws/ecs/containerinsights/ecs-cluster-dev/performance",
              retentionInDays: 1,
              kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/payment-key-dev",
              logGroupClass: "INFREQUENT_ACCESS",
            },
          ],
        });
    },
    findings: [
      {
        subject: "/ecs/payment-api-dev",
        status: "fail",
        expected: "7 days, key arn:aws:kms:us-east-1:123456789012:key/payment-key-dev, STANDARD",
        found: "not found",
        failureClass: "drift",
      },
      {
        subject: "/ecs/payment-worker-dev",
        status: "fail",
        expected: "7 days, key arn:aws:kms:us-east-1:123456789012:key/payment-key-dev, STANDARD",
        found: "never expire, key none, STANDARD",
        failureClass: "drift",
      },
      {
        subject: "/aws/ecs/containerinsights/ecs-cluster-dev/performance",
        status: "fail",
        expected: "1 day, key arn:aws:kms:us-east-1:123456789012:key/payment-key-dev, STANDARD",
        found: "1 day, key arn:aws:kms:us-east-1:123456789012:key/payment-key-dev, INFREQUENT_ACCESS",
        failureClass: "drift",
      },
    ],
  },
  {
    name: "CloudWatch Logs answers no groups at all",
    check: "logs.groups",
    change: (m) => void m.logs.on(DescribeLogGroupsCommand).resolves({}),
    findings: ["/ecs/payment-api-dev", "/ecs/payment-worker-dev", "/ecs/payment-api-audit-dev", "/ecs/payment-worker-audit-dev"]
      .map((subject) => ({ subject, expected: "7 days" }))
      .concat([{ subject: "/aws/ecs/containerinsights/ecs-cluster-dev/performance", expected: "1 day" }])
      .map(({ subject, expected }) => ({
        subject,
        status: "fail" as const,
        expected: `${expected}, key arn:aws:kms:us-east-1:123456789012:key/payment-key-dev, STANDARD`,
        found: "not found",
        failureClass: "drift" as const,
      })),
  },
  {
    name: "one alarm fires, one is missing, one has no state",
    check: "cloudwatch.alarms",
    change: (m) =>
      void m.cloudwatch.on(DescribeAlarmsCommand).callsFake((input: { AlarmNames: string[] }) => ({
        MetricAlarms: input.AlarmNames.filter((n) => n !== "payment-api-memory-high-dev").map((name) =>
          name === "payment-api-p99-latency-dev"
            ? { AlarmName: name, StateValue: "ALARM", StateReason: "Threshold Crossed: 3 datapoints were greater than 0.2" }
            : name === "payment-alb-5xx-dev"
              ? { AlarmName: name }
              : { AlarmName: name, StateValue: "INSUFFICIENT_DATA" },
        ),
      })),
    findings: [
      {
        subject: "payment-api-p99-latency-dev",
        status: "fail",
        expected: "OK or INSUFFICIENT_DATA",
        found: "ALARM: Threshold Crossed: 3 datapoints were greater than 0.2",
        failureClass: "health",
      },
      {
        subject: "payment-api-memory-high-dev",
        status: "fail",
        expected: "OK or INSUFFICIENT_DATA",
        found: "not found",
        failureClass: "drift",
      },
    ],
  },
  {
    name: "an alarm fires without a reason",
    check: "cloudwatch.alarms",
    change: (m) =>
      void m.cloudwatch.on(DescribeAlarmsCommand).callsFake((input: { AlarmNames: string[] }) => ({
        MetricAlarms: input.AlarmNames.map((name) => ({
          AlarmName: name,
          StateValue: name === "payment-alb-5xx-dev" ? "ALARM" : "OK",
        })),
      })),
    findings: [
      {
        subject: "payment-alb-5xx-dev",
        status: "fail",
        expected: "OK or INSUFFICIENT_DATA",
        found: "ALARM:",
        failureClass: "health",
      },
    ],
  },
  {
    name: "the budget is missing",
    check: "cost.budget",
    change: (m) => void m.budgets.on(DescribeBudgetCommand).rejects(awsError("NotFoundException")),
    findings: [
      {
        subject: "payment-monthly-budget-dev",
        status: "fail",
        // dev's estimate of 370.47 USD a month (test/golden/plan-dev.json) x 1.25 headroom = 463.09, up to 50 USD: 500.
        expected: "500 USD per month",
        found: "not found",
        failureClass: "drift",
      },
    ],
  },
  {
    name: "someone raised the budget",
    check: "cost.budget",
    change: (m) =>
      void m.budgets.on(DescribeBudgetCommand).resolves({
        Budget: { BudgetName: "payment-monthly-budget-dev", BudgetLimit: { Amount: "2000.0", Unit: "USD" } } as never,
      }),
    findings: [
      {
        subject: "payment-monthly-budget-dev",
        status: "fail",
        expected: "500 USD per month",
        found: "2000 USD per month",
        failureClass: "drift",
      },
    ],
  },
  {
    name: "Budgets denies ViewBudget",
    check: "cost.budget",
    change: (m) =>
      void m.budgets
        .on(DescribeBudgetCommand)
        .rejects(awsError("AccessDeniedException", "not authorized to perform budgets:ViewBudget")),
    findings: [
      {
        subject: "(check)",
        status: "fail",
        expected: "the check can read what it needs",
        found: "access denied (AccessDeniedException: not authorized to perform budgets:ViewBudget)",
        failureClass: "access",
      },
    ],
  },
  {
    name: "the anomaly monitor is on no page of the list",
    check: "cost.anomalyMonitor",
    change: (m) =>
      void m.costExplorer
        .on(GetAnomalyMonitorsCommand)
        .resolvesOnce({ AnomalyMonitors: [{ MonitorName: "someone-else", MonitorArn: "arn:1" }] as never, NextPageToken: "2" })
        .resolvesOnce({}),
    findings: [
      { subject: "payment-cost-anomaly-dev", status: "fail", expected: "present", found: "not found", failureClass: "drift" },
    ],
  },
  {
    name: "the table is not found",
    check: "dynamodb.table",
    change: (m) => void m.dynamodb.on(DescribeTableCommand).rejects(awsError("ResourceNotFoundException")),
    findings: [
      { subject: "payments-dev", status: "fail", expected: "an ACTIVE table", found: "not found", failureClass: "drift" },
    ],
  },
  {
    name: "the table is being created, provisioned, with AWS's key, no PITR or TTL answer",
    check: "dynamodb.table",
    change: (m) => {
      m.dynamodb.on(DescribeTableCommand).resolves({ Table: { TableName: "payments-dev", TableStatus: "CREATING" } });
      m.dynamodb.on(DescribeContinuousBackupsCommand).resolves({});
      m.dynamodb.on(DescribeTimeToLiveCommand).resolves({});
    },
    findings: [
      { subject: "payments-dev status", status: "fail", expected: "ACTIVE", found: "CREATING", failureClass: "health" },
      {
        subject: "payments-dev settings",
        status: "fail",
        expected:
          "PAY_PER_REQUEST, key arn:aws:kms:us-east-1:123456789012:key/payment-key-dev, point-in-time recovery DISABLED, TTL ENABLED on expiresAt",
        found: "PROVISIONED, key AWS owned, point-in-time recovery DISABLED, TTL DISABLED on nothing",
        failureClass: "drift",
      },
    ],
  },
  {
    name: "DynamoDB answers a table without a status",
    check: "dynamodb.table",
    change: (m) =>
      void m.dynamodb.on(DescribeTableCommand).resolves({
        Table: {
          BillingModeSummary: { BillingMode: "PAY_PER_REQUEST" },
          SSEDescription: { KMSMasterKeyArn: "arn:aws:kms:us-east-1:123456789012:key/payment-key-dev" },
        },
      }),
    findings: [{ subject: "payments-dev status", status: "fail", expected: "ACTIVE", found: "unknown", failureClass: "health" }],
  },
  {
    name: "DynamoDB denies DescribeTable",
    check: "dynamodb.table",
    change: (m) => void m.dynamodb.on(DescribeTableCommand).rejects(awsError("AccessDeniedException", "no")),
    findings: [
      {
        subject: "(check)",
        status: "fail",
        expected: "the check can read what it needs",
        found: "access denied (AccessDeniedException: no)",
        failureClass: "access",
      },
    ],
  },
  {
    name: "prod runs two of its ten planned on-demand tasks (its base of 4 and 6 of the 11 above it), below its base",
    stack: "prod",
    check: "ecs.tasks",
    change: (m, a) => {
      const api = a.tasks
        .get("payment-api-prod")!
        .map((t, i) => ({ ...t, capacityProviderName: i < 2 ? "FARGATE" : "FARGATE_SPOT" }));
      m.ecs.on(DescribeTasksCommand).callsFake((input: { tasks: string[] }) => ({
        tasks: [...api, ...a.tasks.get("payment-worker-prod")!].filter((t) => input.tasks.includes(t.taskArn!)),
      }));
    },
    findings: [
      {
        subject: "payment-api-prod tasks",
        status: "fail",
        expected: "15 tasks (10 FARGATE + 5 FARGATE_SPOT), the plan for hour 34 of the week (US Eastern)",
        found: "15 tasks (2 FARGATE + 13 FARGATE_SPOT)",
        failureClass: "health",
      },
    ],
  },
  {
    name: "more API tasks run than planned, over two pages of ListTasks, and a stopping task is left out",
    check: "ecs.tasks",
    change: (m, a) => {
      const api = a.tasks.get(DEV_API)!;
      // Copies of the last planned task, a running Spot one.
      const spotTask = api[api.length - 1];
      const extra = [
        { ...spotTask, taskArn: "arn:extra-1" },
        { ...spotTask, taskArn: "arn:extra-2" },
        { ...spotTask, taskArn: "arn:stopping", lastStatus: "DEACTIVATING" },
      ];
      m.ecs
        .on(ListTasksCommand, { serviceName: DEV_API })
        .resolvesOnce({ taskArns: api.map((t) => t.taskArn!), nextToken: "page-2" })
        .resolvesOnce({ taskArns: extra.map((t) => t.taskArn!) });
      m.ecs.on(DescribeTasksCommand).callsFake((input: { tasks: string[] }) => ({
        tasks: [...api, ...extra, ...a.tasks.get("payment-worker-dev")!].filter((t) => input.tasks.includes(t.taskArn!)),
      }));
    },
    findings: [
      {
        subject: `${DEV_API} tasks`,
        status: "warn",
        expected: "8 tasks (4 FARGATE + 4 FARGATE_SPOT), the plan for hour 34 of the week (US Eastern)",
        found: "10 tasks (4 FARGATE + 6 FARGATE_SPOT)",
      },
    ],
  },
  {
    name: "a service runs no tasks and ECS answers no lists",
    check: "ecs.tasks",
    change: (m) => {
      m.ecs.on(ListTasksCommand).resolves({});
      m.ecs.on(DescribeTasksCommand).resolves({});
    },
    findings: [
      {
        subject: `${DEV_API} tasks`,
        status: "warn",
        expected: "8 tasks (4 FARGATE + 4 FARGATE_SPOT), the plan for hour 34 of the week (US Eastern)",
        found: "0 tasks (0 FARGATE + 0 FARGATE_SPOT)",
      },
      {
        subject: "payment-worker-dev tasks",
        status: "warn",
        expected: "1 task (0 FARGATE + 1 FARGATE_SPOT), the plan for hour 34 of the week (US Eastern)",
        found: "0 tasks (0 FARGATE + 0 FARGATE_SPOT)",
      },
    ],
  },
  {
    name: "the p99 is 250 ms and 2% of responses are 5xx",
    check: "slo.latency",
    change: (m) =>
      void m.cloudwatch.on(GetMetricDataCommand).resolves({
        MetricDataResults: [
          { Id: "p99", Values: [0.25] },
          { Id: "requests", Values: [5000] },
          { Id: "errors", Values: [100] },
        ],
      }),
    findings: [
      {
        subject: "TargetResponseTime p99",
        status: "fail",
        expected: "p99 under 200 ms over the last 15 minutes",
        found: "250.0 ms over 5000 requests",
        failureClass: "slo",
      },
      {
        subject: "target 5xx rate",
        status: "fail",
        expected: "target 5xx under 1% over the last 15 minutes",
        found: "2.00% of 5000 requests",
        failureClass: "slo",
      },
    ],
  },
  {
    name: "no request reached the ALB in the window",
    check: "slo.latency",
    ctx: { latencyWindowMinutes: 60 },
    change: (m) => void m.cloudwatch.on(GetMetricDataCommand).resolves({ MetricDataResults: [] }),
    findings: [{ subject: "ALB metrics", status: "warn", expected: "requests in the last 60 minutes", found: "none" }],
  },
  {
    name: "requests counted, but no latency or error datapoints",
    check: "slo.latency",
    change: (m) =>
      void m.cloudwatch
        .on(GetMetricDataCommand)
        .resolves({ MetricDataResults: [{ Id: "requests", Values: [10] }, { Id: "p99" }] }),
    findings: [
      {
        subject: "TargetResponseTime p99",
        status: "warn",
        expected: "p99 under 200 ms over the last 15 minutes",
        found: "no datapoint for 10 requests",
      },
    ],
  },
  {
    name: "the ALB answered 100 5xx itself over two datapoints while the targets were fine",
    check: "slo.latency",
    change: (m) =>
      void m.cloudwatch.on(GetMetricDataCommand).resolves({
        MetricDataResults: [
          { Id: "p99", Values: [0.05] },
          { Id: "requests", Values: [600, 400] },
          { Id: "errors", Values: [] },
          { Id: "elbErrors", Values: [60, 40] },
        ],
      }),
    findings: [
      {
        subject: "ALB 5xx",
        status: "fail",
        expected: "at most 75 5xx from the ALB itself over the last 15 minutes (5 a minute, its alarm's rate)",
        found: "100",
        failureClass: "slo",
      },
    ],
  },
  {
    name: "the latency check finds no load balancer",
    check: "slo.latency",
    change: (m) => void m.elb.on(DescribeLoadBalancersCommand).rejects(awsError("LoadBalancerNotFoundException")),
    findings: [
      {
        subject: "ALB metrics",
        status: "fail",
        expected: "the stack's load balancer and target group",
        found: "not found",
        failureClass: "drift",
      },
    ],
  },
  {
    name: "CloudWatch lists none of the alarms",
    check: "cloudwatch.alarms",
    change: (m) => void m.cloudwatch.on(DescribeAlarmsCommand).resolves({}),
    findings: [
      "payment-alb-5xx-dev",
      "payment-api-p99-latency-dev",
      "payment-api-target-5xx-rate-dev",
      "payment-api-unhealthy-hosts-dev",
      "payment-api-cpu-high-dev",
      "payment-api-memory-high-dev",
      "payment-api-running-tasks-low-dev",
      "payment-worker-cpu-high-dev",
      "payment-worker-memory-high-dev",
      "payment-worker-running-tasks-low-dev",
    ].map((subject) => ({
      subject,
      status: "fail" as const,
      expected: "OK or INSUFFICIENT_DATA",
      found: "not found",
      failureClass: "drift" as const,
    })),
  },
  {
    name: "ECS answers no services: only the steadiness check reports them",
    check: "ecs.service.placement",
    change: (m) => void m.ecs.on(DescribeServicesCommand).resolves({}),
    findings: [],
  },
  {
    name: "ECS answers no services to the steadiness check",
    check: "ecs.service.steady",
    change: (m) => void m.ecs.on(DescribeServicesCommand).resolves({}),
    findings: [DEV_API, "payment-worker-dev"].map((subject) => ({
      subject,
      status: "fail" as const,
      expected: "an ACTIVE service",
      found: "not found",
      failureClass: "drift" as const,
    })),
  },
  {
    name: "a strategy item without a weight",
    check: "ecs.service.placement",
    change: (m, a) =>
      void m.ecs.on(DescribeServicesCommand).resolves(
        withService(a, "payment-worker-dev", (s) => ({
          ...s,
          capacityProviderStrategy: [{ capacityProvider: "FARGATE", base: 1 }],
        })),
      ),
    findings: [
      {
        subject: "payment-worker-dev capacity provider strategy",
        status: "fail",
        expected: "FARGATE_SPOT base 0 weight 1",
        found: "FARGATE base 1 weight 0",
        failureClass: "drift",
      },
    ],
  },
  {
    name: "a revision's metric configuration names no metrics, and ECS answers no revisions to the other",
    check: "ecs.service.monitoring",
    change: (m) =>
      void m.ecs
        .on(DescribeServiceRevisionsCommand)
        .resolvesOnce({
          serviceRevisions: [
            { serviceRevisionArn: "rev-1", monitoring: { metricConfigurations: [{ resolutionSeconds: 20 } as never] } },
          ],
        })
        .resolvesOnce({}),
    findings: [
      {
        subject: `${DEV_API} revision rev-1`,
        status: "fail",
        expected: "CPUUtilization, MemoryUtilization at 20 s",
        found: " at 20 s",
        failureClass: "drift",
      },
    ],
  },
  {
    name: "ECS lists tasks it then does not describe",
    check: "ecs.tasks",
    change: (m) => void m.ecs.on(DescribeTasksCommand).resolves({}),
    findings: [
      {
        subject: `${DEV_API} tasks`,
        status: "warn",
        expected: "8 tasks (4 FARGATE + 4 FARGATE_SPOT), the plan for hour 34 of the week (US Eastern)",
        found: "0 tasks (0 FARGATE + 0 FARGATE_SPOT)",
      },
      {
        subject: "payment-worker-dev tasks",
        status: "warn",
        expected: "1 task (0 FARGATE + 1 FARGATE_SPOT), the plan for hour 34 of the week (US Eastern)",
        found: "0 tasks (0 FARGATE + 0 FARGATE_SPOT)",
      },
    ],
  },
];

describe("verify against a stack deployed exactly as the program registers it", () => {
  it.each(["dev", "staging", "prod"])(
    "GIVEN %s as its golden registrations WHEN every AWS check runs THEN every finding passes",
    async (stack) => {
      answerAsDeployed(mocks, stackSpec(stack), stack);
      const results = await runChecks([...AWS_VERIFY_CHECKS, latencyCheck], verifyContext(stack));
      const notPassing = results.filter((r) => r.status !== "pass");
      expect(notPassing).toEqual([]);
      expect(results.length).toBeGreaterThan(0);
    },
  );
});

describe("verify findings when one AWS answer differs from the deployed stack", () => {
  it.each(ROWS.map((row) => [row.name, row] as const))(
    "GIVEN %s WHEN its check runs THEN exactly these findings do not pass",
    async (_name, row) => {
      const stack = row.stack ?? "dev";
      row.change(mocks, answerAsDeployed(mocks, stackSpec(stack), stack));
      expect(await notPassing(row.check, verifyContext(stack, row.ctx))).toEqual(row.findings);
    },
  );
});

describe("the schedule's last change", () => {
  it.each([
    ["Saturday noon US Eastern", "2026-12-05T17:00:00Z", "2026-12-05T01:00:00.000Z"],
    ["Tuesday 10:00 US Eastern", "2026-12-01T15:00:00Z", "2026-12-01T12:00:00.000Z"],
    ["Monday 06:59 US Eastern", "2026-11-30T11:59:00Z", "2026-11-28T01:00:00.000Z"],
    ["Tuesday 07:00 sharp US Eastern", "2026-12-01T12:00:00Z", "2026-12-01T12:00:00.000Z"],
  ])(
    "GIVEN dev with a schedule (minimum 10, off hours 1; raise 07:00, lower 20:00 weekdays) at %s THEN the last change was at %s",
    (_, now, change) => {
      expect(lastScheduleChange(DEV_WITH_SCHEDULE, new Date(now))?.toISOString()).toBe(change);
    },
  );

  it("GIVEN dev as shipped (minimum = off-hours minimum = 1: no schedule is made) THEN there is no last change, and only the minimum 1 is expected", () => {
    const spec = stackSpec("dev");
    expect([webService(spec).minTasks, webService(spec).offHoursMinTasks, webService(spec).scheduledScaling]).toEqual([
      1,
      1,
      true,
    ]);
    expect(lastScheduleChange(spec, new Date("2026-12-05T17:00:00Z"))).toBeUndefined();
    expect(expectedMinimums(spec, spec.services.api, new Date("2026-12-05T17:00:00Z"), new Date("2026-12-05T13:00:00Z"))).toEqual(
      [1],
    );
  });

  it("GIVEN no schedule (the minimum never changes) THEN there is no last change, and only the minimum is expected", () => {
    const spec = DEV_WITH_SCHEDULE;
    const flat = {
      ...spec,
      services: { ...spec.services, api: { ...spec.services.api, scheduledScaling: false } },
    } as typeof spec;
    expect(lastScheduleChange(flat, new Date("2026-12-05T17:00:00Z"))).toBeUndefined();
    expect(expectedMinimums(flat, flat.services.api, new Date("2026-12-05T17:00:00Z"), new Date("2026-12-05T13:00:00Z"))).toEqual(
      [10],
    );
  });
});

describe("every AWS check when AWS refuses", () => {
  const failures = [
    ["AccessDeniedException", "access denied (AccessDeniedException: not authorized)"],
    ["ThrottlingException", "throttled by AWS after the SDK's retries (ThrottlingException: not authorized)"],
  ] as const;
  it.each(CHECKS.flatMap((check) => failures.map(([name, found]) => [check.id, name, found, check] as const)))(
    "GIVEN %s's calls rejected with %s THEN one access failure names the check's IAM actions",
    async (_id, name, found, check) => {
      const stubs = [
        mocks.ecs,
        mocks.elb,
        mocks.autoscaling,
        mocks.logs,
        mocks.cloudwatch,
        mocks.budgets,
        mocks.costExplorer,
        mocks.dynamodb,
        mocks.ec2,
        mocks.firehose,
        mocks.s3,
        mocks.wafv2,
      ];
      for (const stub of stubs as Array<{ onAnyCommand(): { rejects(error: unknown): unknown } }>)
        stub.onAnyCommand().rejects(awsError(name, "not authorized"));
      // prod: every control is on there, so every check makes its calls.
      const results = await runChecks([check], verifyContext("prod"));
      expect(results.map((r) => [r.subject, r.status, r.failureClass, r.found])).toEqual([["(check)", "fail", "access", found]]);
      if (name === "AccessDeniedException")
        expect(results[0].action).toContain(`allow ${check.permissions.join(", ")} for the caller`);
    },
  );
});
