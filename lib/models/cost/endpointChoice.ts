/**
 * NAT-only or interface endpoints: the two ways the tasks reach ECR and CloudWatch Logs from private
 * subnets. Endpoints cost a fixed amount per endpoint per AZ-hour and a third of NAT's per-GB rate
 * (and no cross-AZ hop to a shared NAT), so which is cheaper depends on the AZ count and on how many
 * bytes the workload logs. `interfaceEndpoints: auto` deploys whichever this comparison picks.
 * The NAT gateways stay in both cases: other egress (Secrets Manager, third-party APIs) still needs them.
 */
import { ConfiguredSpec, PlatformSpec } from "../../spec";
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

/** The configured spec with the endpoints decided one way. */
function withEndpoints(spec: ConfiguredSpec, interfaceEndpoints: boolean): PlatformSpec {
  return { ...spec, network: { ...spec.network, interfaceEndpoints } };
}

function egressCost(spec: ConfiguredSpec, interfaceEndpoints: boolean): number {
  const { lineItems } = estimateMonthlyCost(withEndpoints(spec, interfaceEndpoints));
  return lineItems.filter((item) => EGRESS_LINE_IDS.includes(item.id)).reduce((sum, item) => sum + item.monthlyUsd, 0);
}

export function compareEndpointStrategies(spec: ConfiguredSpec): EndpointComparison {
  const natOnlyMonthlyUsd = egressCost(spec, false);
  const interfaceEndpointsMonthlyUsd = egressCost(spec, true);
  return {
    natOnlyMonthlyUsd,
    interfaceEndpointsMonthlyUsd,
    cheaper: interfaceEndpointsMonthlyUsd < natOnlyMonthlyUsd ? "interfaceEndpoints" : "natOnly",
  };
}

/**
 * The step between config and infrastructure: `on` and `off` are kept, `auto` is settled by cost.
 * The config layer cannot do this itself (it imports no model).
 */
export function resolveInterfaceEndpoints(spec: ConfiguredSpec): PlatformSpec {
  const { interfaceEndpointsSetting: setting } = spec.network;
  if (setting !== "auto") return withEndpoints(spec, setting === "on");
  return withEndpoints(spec, compareEndpointStrategies(spec).cheaper === "interfaceEndpoints");
}
