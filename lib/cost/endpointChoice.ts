/**
 * NAT-only or interface endpoints: the two ways the tasks reach ECR and CloudWatch Logs from private
 * subnets. Endpoints cost a fixed amount per endpoint per AZ-hour and a third of NAT's per-GB rate
 * (and no cross-AZ hop to a shared NAT), so which is cheaper depends on the AZ count and on how many
 * bytes the workload logs. `interfaceEndpoints: auto` deploys whichever this comparison picks.
 * The NAT gateways stay in both cases: other egress (Secrets Manager, third-party APIs) still needs them.
 */
import { PlatformSpec } from "../spec";
import { estimateMonthlyCost } from "./estimate";

export type EgressStrategy = "natOnly" | "interfaceEndpoints";

/** The line items that differ between the two strategies: the whole egress path. */
export const EGRESS_LINE_IDS: readonly string[] = ["nat-hours", "nat-data", "nat-cross-az", "endpoint-hours", "endpoint-data"];

export interface EndpointComparison {
  /** Monthly USD of the egress path with NAT gateways only. */
  natOnlyMonthlyUsd: number;
  /** Monthly USD of the egress path with NAT gateways plus ecr.api, ecr.dkr and logs endpoints. */
  interfaceEndpointsMonthlyUsd: number;
  /** On a tie, NAT-only: fewer resources for the same price. */
  cheaper: EgressStrategy;
}

function egressCost(spec: PlatformSpec, interfaceEndpoints: boolean): number {
  const { lineItems } = estimateMonthlyCost({ ...spec, network: { ...spec.network, interfaceEndpoints } });
  return lineItems.filter((item) => EGRESS_LINE_IDS.includes(item.id)).reduce((sum, item) => sum + item.monthlyUsd, 0);
}

export function compareEndpointStrategies(spec: PlatformSpec): EndpointComparison {
  const natOnlyMonthlyUsd = egressCost(spec, false);
  const interfaceEndpointsMonthlyUsd = egressCost(spec, true);
  return {
    natOnlyMonthlyUsd,
    interfaceEndpointsMonthlyUsd,
    cheaper: interfaceEndpointsMonthlyUsd < natOnlyMonthlyUsd ? "interfaceEndpoints" : "natOnly",
  };
}

/** Settles `interfaceEndpoints: auto` by cost; `on` and `off` are kept as they are. */
export function resolveInterfaceEndpoints(spec: PlatformSpec): PlatformSpec {
  if (spec.network.interfaceEndpointsSetting !== "auto") return spec;
  const interfaceEndpoints = compareEndpointStrategies(spec).cheaper === "interfaceEndpoints";
  return { ...spec, network: { ...spec.network, interfaceEndpoints } };
}
