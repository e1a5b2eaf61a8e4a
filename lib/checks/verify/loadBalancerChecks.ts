/**
 * The ALB, its two listeners and the web service's target group: present, active, configured as the
 * program builds them (lib/infra/loadBalancer.ts), every registered target healthy.
 */
import {
  Action,
  DescribeListenersCommand,
  DescribeTargetGroupAttributesCommand,
  DescribeTargetHealthCommand,
  LoadBalancer,
  TargetGroup,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import { HTTP_PORT, HTTP_TO_HTTPS_REDIRECT, HTTPS_PORT, TLS_POLICY } from "../../design/listeners";
import { webService } from "../../spec";
import { compare, fail, Finding } from "../checkResult";
import { CheckDefinition } from "../runChecks";
import { RESTORE } from "./clusterCheck";
import { DeployedStack } from "./deployedStack";
import { VerifyContext } from "./verifyContext";

export const notDeployed = (name: string, what: string): Finding =>
  fail(
    name,
    `the stack's ${what}`,
    "not found",
    "deploy the stack (`pulumi up`), or pass the --stack it was deployed as",
    "drift",
  );

/** The ALB, or a failure finding when it is not there. */
async function loadBalancerOf(deployed: DeployedStack): Promise<LoadBalancer | Finding> {
  return (await deployed.loadBalancer()) ?? notDeployed(deployed.names.loadBalancer, "load balancer");
}

async function targetGroupOf(deployed: DeployedStack): Promise<TargetGroup | Finding> {
  return (await deployed.targetGroup()) ?? notDeployed(deployed.names.targetGroup, "target group");
}

const isFinding = (value: object): value is Finding => "status" in value;

export const loadBalancerCheck: CheckDefinition<VerifyContext> = {
  id: "elb.loadBalancer",
  title: "Application Load Balancer",
  failureClass: "drift",
  permissions: ["elasticloadbalancing:DescribeLoadBalancers"],
  async run({ deployed }) {
    const alb = await loadBalancerOf(deployed);
    if (isFinding(alb)) return [alb];
    const name = deployed.names.loadBalancer;
    return [
      compare(
        `${name} state`,
        "active",
        alb.State?.Code ?? "unknown",
        "an ALB that is not active serves nothing: wait if it is provisioning, else see its events",
        "health",
      ),
      compare(`${name} scheme`, "internet-facing", alb.Scheme ?? "unknown", RESTORE),
    ];
  },
};

const actionText = (actions: readonly Action[]): string =>
  actions
    .map((a) =>
      a.Type === "redirect"
        ? `redirect ${a.RedirectConfig?.Protocol}:${a.RedirectConfig?.Port} ${a.RedirectConfig?.StatusCode}`
        : `${a.Type} ${a.TargetGroupArn ?? ""}`.trim(),
    )
    .join(", ");

export const listenersCheck: CheckDefinition<VerifyContext> = {
  id: "elb.listeners",
  title: "ALB listeners",
  failureClass: "drift",
  permissions: [
    "elasticloadbalancing:DescribeLoadBalancers",
    "elasticloadbalancing:DescribeTargetGroups",
    "elasticloadbalancing:DescribeListeners",
  ],
  async run({ spec, deployed, clients }) {
    const alb = await loadBalancerOf(deployed);
    if (isFinding(alb)) return [alb];
    const group = await deployed.targetGroup();
    const answer = await clients.elb.send(new DescribeListenersCommand({ LoadBalancerArn: alb.LoadBalancerArn }));
    const listeners = answer.Listeners ?? [];
    const https = listeners.find((l) => l.Port === HTTPS_PORT);
    const http = listeners.find((l) => l.Port === HTTP_PORT);
    const certificate = spec.loadBalancer.certificateArn;
    const redirect = HTTP_TO_HTTPS_REDIRECT;
    return [
      compare(
        "listener ports",
        `${HTTP_PORT}, ${HTTPS_PORT}`,
        listeners
          .map((l) => l.Port)
          .sort((a, b) => a! - b!)
          .join(", "),
        RESTORE,
      ),
      compare(
        `${HTTPS_PORT} listener`,
        `HTTPS, ${TLS_POLICY}, ${certificate ?? "the stack's self-signed certificate"}, forward ${group?.TargetGroupArn ?? deployed.names.targetGroup}`,
        https === undefined
          ? "missing"
          : `${https.Protocol}, ${https.SslPolicy}, ${certificate === undefined && (https.Certificates ?? []).length > 0 ? "the stack's self-signed certificate" : (https.Certificates?.[0]?.CertificateArn ?? "no certificate")}, ${actionText(https.DefaultActions ?? [])}`,
        RESTORE,
      ),
      compare(
        `${HTTP_PORT} listener`,
        `HTTP, redirect ${redirect.protocol}:${redirect.port} ${redirect.statusCode}`,
        http === undefined ? "missing" : `${http.Protocol}, ${actionText(http.DefaultActions ?? [])}`,
        RESTORE,
      ),
    ];
  },
};

export const targetGroupCheck: CheckDefinition<VerifyContext> = {
  id: "elb.targetGroup",
  title: "Target group settings",
  failureClass: "drift",
  permissions: ["elasticloadbalancing:DescribeTargetGroups", "elasticloadbalancing:DescribeTargetGroupAttributes"],
  async run({ spec, deployed, clients }) {
    const group = await targetGroupOf(deployed);
    if (isFinding(group)) return [group];
    const lb = spec.loadBalancer;
    const web = webService(spec);
    const answer = await clients.elb.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: group.TargetGroupArn }));
    const attribute = (key: string) => answer.Attributes?.find((a) => a.Key === key)?.Value ?? "unset";
    const name = deployed.names.targetGroup;
    return [
      compare(
        `${name} health check`,
        `${web.healthCheckPath} every ${lb.healthCheckIntervalSeconds} s, timeout ${lb.healthCheckTimeoutSeconds} s, healthy ${lb.healthyThreshold}, unhealthy ${lb.unhealthyThreshold}, 200`,
        `${group.HealthCheckPath} every ${group.HealthCheckIntervalSeconds} s, timeout ${group.HealthCheckTimeoutSeconds} s, healthy ${group.HealthyThresholdCount}, unhealthy ${group.UnhealthyThresholdCount}, ${group.Matcher?.HttpCode}`,
        RESTORE,
      ),
      compare(
        `${name} deregistration delay`,
        `${lb.deregistrationDelaySeconds} s`,
        `${attribute("deregistration_delay.timeout_seconds")} s`,
        RESTORE,
      ),
      compare(
        `${name} routing`,
        "least_outstanding_requests",
        attribute("load_balancing.algorithm.type"),
        `${RESTORE}; the SLO model assumes least-outstanding-requests routing`,
      ),
    ];
  },
};

export const targetHealthCheck: CheckDefinition<VerifyContext> = {
  id: "elb.targetHealth",
  title: "Registered targets healthy",
  failureClass: "health",
  permissions: ["elasticloadbalancing:DescribeTargetGroups", "elasticloadbalancing:DescribeTargetHealth"],
  async run({ deployed, clients }) {
    const group = await targetGroupOf(deployed);
    if (isFinding(group)) return [group];
    const answer = await clients.elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: group.TargetGroupArn }));
    // Draining targets are tasks on their way out (a deployment or scale-in); they no longer take requests.
    const serving = (answer.TargetHealthDescriptions ?? []).filter((t) => t.TargetHealth?.State !== "draining");
    const unhealthy = serving.filter((t) => t.TargetHealth?.State !== "healthy");
    const found =
      serving.length === 0
        ? "no registered targets"
        : unhealthy.length === 0
          ? `${serving.length} of ${serving.length} healthy`
          : `${serving.length - unhealthy.length} of ${serving.length} healthy; ${unhealthy.map((t) => `${t.Target?.Id} ${t.TargetHealth?.State} (${t.TargetHealth?.Reason ?? "no reason"})`).join("; ")}`;
    return [
      compare(
        deployed.names.targetGroup,
        serving.length === 0 ? "at least one healthy target" : `${serving.length} of ${serving.length} healthy`,
        found,
        "read the API's log group and the health check path's answer; a target that fails its check is replaced by ECS",
      ),
    ];
  },
};
