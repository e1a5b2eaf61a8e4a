/** The plan's readable summary: key settings first, then resources by component and type. */
import { capacityProviderStrategy } from "../compute/compute";
import { formatSloReport } from "../capacity/sloReport";
import { formatCostReport } from "../cost/costReport";
import { natGatewayCount } from "../network/topology";
import { planSubnets } from "../network/subnetLayout";
import { apiScheduledMinimums, apiTargetTrackingPolicies, workerTargetTrackingPolicy } from "../scaling/scalingPolicies";
import { PlatformSpec, ServiceSizing } from "../spec";
import { PlanDocument } from "./planDocument";

function strategyText(sizing: ServiceSizing): string {
  return capacityProviderStrategy(sizing)
    .map((s) => `${s.capacityProvider}${s.base ? ` base ${s.base}` : ""} weight ${s.weight}`)
    .join(", ");
}

function sizeText(sizing: ServiceSizing, spec: PlatformSpec): string {
  return `${sizing.cpu / 1024} vCPU / ${sizing.memory} MiB ${spec.cpuArchitecture}, tasks min ${sizing.minTasks} / desired ${sizing.desiredTasks} / max ${sizing.maxTasks}`;
}

export function settingsSummary(spec: PlatformSpec): string[] {
  const { network, api, worker, loadBalancer: lb, scaling } = spec;
  const subnets = planSubnets(network.vpcCidr, network.availabilityZoneCount);
  const cidrs = (tier: string) =>
    subnets
      .filter((s) => s.tier === tier)
      .map((s) => s.cidr)
      .join(", ");
  const policies = apiTargetTrackingPolicies(spec)
    .map((p) => `${p.predefinedMetricType} ${p.targetValue}`)
    .join("; ");
  const schedule = apiScheduledMinimums(spec)
    .map((s) => `${s.schedule} -> min ${s.minCapacity}`)
    .join(", ");
  return [
    `Network: ${network.availabilityZoneCount} AZs, VPC ${network.vpcCidr}`,
    `  public subnets:  ${cidrs("public")}`,
    `  private subnets: ${cidrs("private")}`,
    `  NAT gateways: ${network.natGateways} (${natGatewayCount(spec)}); interface endpoints (ECR api, ECR dkr, Logs): ${network.interfaceEndpoints ? "on" : "off"} (setting: ${network.interfaceEndpointsSetting}); S3 gateway endpoint: on`,
    `API service: ${sizeText(api, spec)}`,
    `  capacity: ${strategyText(api)}`,
    `  scaling: ${policies}; cooldown out ${scaling.scaleOutCooldownSeconds} s / in ${scaling.scaleInCooldownSeconds} s`,
    `  scheduled minimum: ${schedule || "off"}; predictive: ${scaling.predictiveScaling}`,
    `  health check ${api.healthCheckPath} every ${lb.healthCheckIntervalSeconds} s (timeout ${lb.healthCheckTimeoutSeconds} s, healthy ${lb.healthyThreshold}, unhealthy ${lb.unhealthyThreshold}), grace ${api.healthCheckGracePeriodSeconds} s`,
    `  draining: deregistration ${lb.deregistrationDelaySeconds} s, stopTimeout ${api.stopTimeoutSeconds} s, ALB idle ${lb.idleTimeoutSeconds} s < app keep-alive ${api.keepAliveTimeoutSeconds} s`,
    `  image: ${api.container.image}`,
    `Worker service: ${sizeText(worker, spec)}`,
    `  capacity: ${strategyText(worker)}; scaling: ${workerTargetTrackingPolicy(spec).predefinedMetricType} ${worker.cpuTargetPercent}`,
    `  image: ${worker.container.image}`,
    `TLS: ${lb.certificateArn ?? "self-signed certificate imported into ACM"}`,
  ];
}

export function resourceSummary(document: PlanDocument): string[] {
  // The program's own components are the "payment:" types; everything else is a provider resource.
  const components = document.resources.filter((r) => r.type.startsWith("payment:"));
  const lines = [`Resources: ${document.resources.length} (${components.length} components)`];
  for (const component of components) {
    const children = document.resources.filter((r) => r.parent === component.name && !components.includes(r));
    if (children.length === 0) continue;
    lines.push(`  ${component.name} (${component.type}): ${children.length}`);
    const counts = new Map<string, number>();
    for (const child of children) counts.set(child.type, (counts.get(child.type) ?? 0) + 1);
    for (const [type, count] of [...counts].sort(([a], [b]) => a.localeCompare(b)))
      lines.push(`    ${String(count).padStart(3)}  ${type}`);
  }
  return lines;
}

export function formatPlanSummary(document: PlanDocument, spec: PlatformSpec): string {
  return [
    `Plan for ${document.project} / ${document.stack} (environment ${spec.environment}, suffix "${document.environmentSuffix}", ${document.region}), computed offline: nothing was deployed`,
    "",
    ...settingsSummary(spec),
    "",
    ...resourceSummary(document),
    "",
    formatCostReport(document.cost),
    formatSloReport(document.slo),
  ].join("\n");
}
