/** A service's capacity provider strategy as ECS takes it (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CapacityProviderStrategyItem.html). */
import type { ServiceSizing } from "../spec";

export interface CapacityProviderStrategyItem {
  capacityProvider: "FARGATE" | "FARGATE_SPOT";
  base?: number;
  weight: number;
}

/** The on-demand base first, then FARGATE / FARGATE_SPOT by weight; empty entries dropped. */
export function capacityProviderStrategy(sizing: ServiceSizing): CapacityProviderStrategyItem[] {
  const strategy: CapacityProviderStrategyItem[] = [];
  if (sizing.onDemandBase > 0 || sizing.onDemandWeight > 0) {
    strategy.push({ capacityProvider: "FARGATE", base: sizing.onDemandBase, weight: sizing.onDemandWeight });
  }
  if (sizing.spotWeight > 0) strategy.push({ capacityProvider: "FARGATE_SPOT", weight: sizing.spotWeight });
  return strategy;
}
