/** The plan's readable summary: the verdict first, then key settings, resources by component and type, cost and latency. */
import { capacityProviderStrategy } from "../../design/capacityStrategy";
import { scheduledMinimums, targetTrackingPolicies } from "../../design/scalingPolicies";
import { planSubnets } from "../../design/subnetLayout";
import { natGatewayCount } from "../../design/topology";
import { PlatformSpec, sentenceLabel, ServiceSizing, ServiceSpec, serviceList, serviceMode } from "../../spec";
import { physicalName } from "../../spec/names";
import { formatCostReport } from "./costText";
import { PlanDocument } from "./planDocument";
import { formatSloReport } from "./sloText";
import { planVerdict } from "./planVerdict";
import { formatPolicyReport } from "./policyText";
import { TIME_ZONE } from "./sloWords";
import { Paint, plainPaint } from "../colors";

function strategyText(sizing: ServiceSizing): string {
  return capacityProviderStrategy(sizing)
    .map((s) => `${s.capacityProvider}${s.base ? ` base ${s.base}` : ""} weight ${s.weight}`)
    .join(", ");
}

function sizeText(sizing: ServiceSizing, spec: PlatformSpec): string {
  return `${sizing.cpu / 1024} vCPU / ${sizing.memory} MiB ${spec.cpuArchitecture}, tasks min ${sizing.minTasks} / desired ${sizing.desiredTasks} / max ${sizing.maxTasks}`;
}

/** Which image a service runs, and for the reference image where it comes from. */
function imageText(spec: PlatformSpec, service: ServiceSpec): string {
  if (service.container.source === "configured") return service.container.image;
  return `reference payment service (${serviceMode(service)} mode), built from app/ and pushed to ECR repository ${physicalName("imageRepository", spec.environmentSuffix)} (needs Docker with buildx)`;
}

/** One service's lines: size, capacity, scaling, and for the web service its health checks and draining. */
function serviceLines(spec: PlatformSpec, service: ServiceSpec): string[] {
  const { loadBalancer: lb, scaling } = spec;
  const title = `${sentenceLabel(service)} service: ${sizeText(service, spec)}`;
  const policies = targetTrackingPolicies(spec, service);
  if (service.role !== "web") {
    return [
      title,
      `  capacity: ${strategyText(service)}; scaling: ${policies.map((p) => `${p.predefinedMetricType} ${p.targetValue}`).join("; ")}`,
      `  image: ${imageText(spec, service)}`,
    ];
  }
  const schedule = scheduledMinimums(spec, service)
    .map((s) => `${s.schedule} ${TIME_ZONE} -> min ${s.minCapacity}`)
    .join(", ");
  return [
    title,
    `  capacity: ${strategyText(service)}`,
    `  scaling: ${policies.map((p) => `${p.predefinedMetricType} ${p.targetValue}`).join("; ")}; cooldown out ${scaling.scaleOutCooldownSeconds} s / in ${scaling.scaleInCooldownSeconds} s`,
    `  scheduled minimum: ${schedule || "off"}; predictive: ${service.predictiveScaling}`,
    `  health check ${service.healthCheckPath} every ${lb.healthCheckIntervalSeconds} s (timeout ${lb.healthCheckTimeoutSeconds} s, healthy ${lb.healthyThreshold}, unhealthy ${lb.unhealthyThreshold}), grace ${service.healthCheckGracePeriodSeconds} s`,
    `  draining: deregistration ${lb.deregistrationDelaySeconds} s, stopTimeout ${service.stopTimeoutSeconds} s, ALB idle ${lb.idleTimeoutSeconds} s < app keep-alive ${service.keepAliveTimeoutSeconds} s`,
    `  image: ${imageText(spec, service)}`,
  ];
}

export function settingsSummary(spec: PlatformSpec): string[] {
  const { network, loadBalancer: lb } = spec;
  const subnets = planSubnets(network.vpcCidr, network.availabilityZoneCount);
  const cidrs = (tier: string) =>
    subnets
      .filter((s) => s.tier === tier)
      .map((s) => s.cidr)
      .join(", ");
  return [
    `Network: ${network.availabilityZoneCount} AZs, VPC ${network.vpcCidr}`,
    `  public subnets:  ${cidrs("public")}`,
    `  private subnets: ${cidrs("private")}`,
    `  NAT gateways: ${network.natGateways} (${natGatewayCount(spec)}); interface endpoints (ECR api, ECR dkr, Logs): ${network.interfaceEndpoints ? "on" : "off"} (setting: ${network.interfaceEndpointsSetting}); gateway endpoints (S3, DynamoDB): on`,
    ...serviceList(spec).flatMap((service) => serviceLines(spec, service)),
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

/** The verdict block: each part on its line (its text coloured by its tone), its details indented under it. */
export function verdictText(document: PlanDocument, spec: PlatformSpec, paint: Paint = plainPaint): string[] {
  return [
    "Verdict",
    ...planVerdict(document, spec).flatMap((part) => [
      `  ${part.label}: ${part.tone ? paint(part.text, part.tone) : part.text}`,
      ...part.details.map((d) => `    ${d}`),
    ]),
  ];
}

/** `paint` colours the verdict words; the command passes a real one only for a colour terminal. */
export function formatPlanSummary(document: PlanDocument, spec: PlatformSpec, paint: Paint = plainPaint): string {
  return [
    `Plan for ${document.project} / ${document.stack} (environment ${spec.environment}, suffix "${document.environmentSuffix}", ${document.region}), computed offline: nothing was deployed`,
    "",
    ...verdictText(document, spec, paint),
    "",
    ...document.warnings.flatMap((w) => [`WARNING: ${w}`, ""]),
    ...settingsSummary(spec),
    "",
    ...resourceSummary(document),
    "",
    ...formatPolicyReport(document.policies),
    "",
    formatCostReport(document.cost, paint),
    formatSloReport(document.slo, spec.loadBalancer.idleTimeoutSeconds, paint),
  ].join("\n");
}
