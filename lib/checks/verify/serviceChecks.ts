/**
 * Each ECS service: present and steady (the rollout finished, every desired task runs), placed with
 * the configured capacity provider strategy in the private subnets without public IPs, on the
 * configured CPU architecture, publishing its CPU and memory metrics at the configured resolution.
 */
import {
  CapacityProviderStrategyItem,
  DescribeServiceRevisionsCommand,
  DescribeTaskDefinitionCommand,
  Service,
} from "@aws-sdk/client-ecs";
import { capacityProviderStrategy } from "../../design/capacityStrategy";
import { monitoringConfiguration } from "../../design/serviceMonitoring";
import { serviceList, ServiceSpec } from "../../spec";
import { compare, fail, Finding } from "../checkResult";
import { plural } from "../../format";
import { CheckDefinition } from "../runChecks";
import { RESTORE } from "./clusterCheck";
import { VerifyContext } from "./verifyContext";

/**
 * `check` over the services that are deployed and ACTIVE. Only the steadiness check reports a
 * missing one (as drift: nothing was deployed there), so a missing service is one finding, not four.
 */
async function eachService(
  ctx: VerifyContext,
  check: (service: ServiceSpec, deployed: Service, name: string) => Promise<Finding[]> | Finding[],
  reportMissing = false,
): Promise<Finding[]> {
  const services = await ctx.deployed.services();
  const findings: Finding[] = [];
  for (const service of serviceList(ctx.spec)) {
    const name = ctx.deployed.names.service(service);
    const deployed = services.get(service.id);
    if (deployed === undefined || deployed.status === "INACTIVE") {
      if (reportMissing) {
        findings.push(
          fail(
            name,
            "an ACTIVE service",
            deployed === undefined ? "not found" : "INACTIVE",
            "deploy the stack (`pulumi up`)",
            "drift",
          ),
        );
      }
    } else {
      findings.push(...(await check(service, deployed, name)));
    }
  }
  return findings;
}

export const serviceSteady: CheckDefinition<VerifyContext> = {
  id: "ecs.service.steady",
  title: "ECS service steady",
  failureClass: "health",
  permissions: ["ecs:DescribeServices"],
  run: (ctx) =>
    eachService(
      ctx,
      (_service, deployed, name) => {
        const deployments = deployed.deployments ?? [];
        const primary = deployments.find((d) => d.status === "PRIMARY");
        const found =
          `${deployed.status}, ${deployed.runningCount} of ${deployed.desiredCount} tasks running, ` +
          `${plural(deployments.length, "deployment")}, rollout ${primary?.rolloutState ?? "none"}`;
        const expected = `ACTIVE, ${deployed.desiredCount} of ${deployed.desiredCount} tasks running, 1 deployment, rollout COMPLETED`;
        return [
          compare(
            name,
            expected,
            found,
            "wait for the rollout to finish and run verify again; if it stays, read the service's events (`aws ecs describe-services`) and its log group",
          ),
        ];
      },
      true,
    ),
};

const strategyText = (items: readonly Pick<CapacityProviderStrategyItem, "capacityProvider" | "base" | "weight">[]): string =>
  items.map((i) => `${i.capacityProvider} base ${i.base ?? 0} weight ${i.weight ?? 0}`).join(", ");

export const servicePlacement: CheckDefinition<VerifyContext> = {
  id: "ecs.service.placement",
  title: "ECS service placement",
  failureClass: "drift",
  permissions: ["ecs:DescribeServices"],
  run: (ctx) =>
    eachService(ctx, (service, deployed, name) => {
      const vpc = deployed.networkConfiguration?.awsvpcConfiguration;
      const subnets = vpc?.subnets ?? [];
      const privateOnly = subnets.length > 0 && subnets.every((s) => ctx.outputs.privateSubnetIds.includes(s));
      return [
        compare(
          `${name} capacity provider strategy`,
          strategyText(capacityProviderStrategy(service)),
          strategyText(deployed.capacityProviderStrategy ?? []),
          RESTORE,
        ),
        compare(
          `${name} network`,
          "private subnets only, public IP DISABLED",
          `${privateOnly ? "private subnets only" : `subnets ${subnets.join(", ") || "none"}`}, public IP ${vpc?.assignPublicIp ?? "unknown"}`,
          RESTORE,
        ),
      ];
    }),
};

export const taskArchitecture: CheckDefinition<VerifyContext> = {
  id: "ecs.task.architecture",
  title: "Task definition CPU architecture",
  failureClass: "drift",
  permissions: ["ecs:DescribeServices", "ecs:DescribeTaskDefinition"],
  run: (ctx) =>
    eachService(ctx, async (_service, deployed, name) => {
      const answer = await ctx.clients.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: deployed.taskDefinition }));
      const architecture = answer.taskDefinition?.runtimePlatform?.cpuArchitecture ?? "X86_64";
      return [compare(`${name} ${deployed.taskDefinition}`, ctx.spec.cpuArchitecture, architecture, RESTORE)];
    }),
};

const resolutionText = (configurations: readonly { metricNames?: string[]; resolutionSeconds?: number }[]): string =>
  configurations.map((c) => `${[...(c.metricNames ?? [])].sort().join(", ")} at ${c.resolutionSeconds} s`).join("; ");

export const serviceMonitoring: CheckDefinition<VerifyContext> = {
  id: "ecs.service.monitoring",
  title: "Service metric resolution",
  failureClass: "drift",
  permissions: ["ecs:DescribeServices", "ecs:DescribeServiceRevisions"],
  run: (ctx) =>
    eachService(ctx, async (_service, deployed, name) => {
      const expected = resolutionText(monitoringConfiguration(ctx.spec.scaling.highResolutionMetrics).metricConfigurations);
      const arns = (deployed.currentServiceRevisions ?? []).map((r) => r.arn!);
      if (arns.length === 0)
        return [fail(name, expected, "no current service revision", "wait for the service's first deployment to finish")];
      const answer = await ctx.clients.ecs.send(new DescribeServiceRevisionsCommand({ serviceRevisionArns: arns }));
      return (answer.serviceRevisions ?? []).map((revision) =>
        compare(
          `${name} revision ${revision.serviceRevisionArn}`,
          expected,
          // No monitoring configuration means ECS's default, 60-second metrics.
          resolutionText(
            revision.monitoring?.metricConfigurations ?? [
              { metricNames: ["CPUUtilization", "MemoryUtilization"], resolutionSeconds: 60 },
            ],
          ),
          `${RESTORE}; target tracking on the 20-second metrics needs it`,
        ),
      );
    }),
};
