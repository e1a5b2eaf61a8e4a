/**
 * Network topology decisions as pure functions, shared by the Network component and the cost model
 * so both count the same NAT gateways and endpoints.
 */
import { PlatformSpec } from "../spec/platformSpec";

/** Gateway endpoints on the private route tables: free, so always there (S3 for ECR layers, DynamoDB for the payments table). */
export const GATEWAY_ENDPOINT_SERVICES = ["s3", "dynamodb"] as const;

/** Interface endpoints the tasks need to start without NAT: image manifests, auth, and logs. */
export const INTERFACE_ENDPOINT_SERVICES = ["ecr.api", "ecr.dkr", "logs"] as const;

/** One shared NAT gateway, or one per AZ. */
export function natGatewayCount(spec: PlatformSpec): number {
  return spec.network.natGateways === "perAz" ? spec.network.availabilityZoneCount : 1;
}

/** Private subnet i routes to NAT i when there is one per AZ, else to the single NAT. */
export function natIndexForAz(azIndex: number, natCount: number): number {
  return natCount === 1 ? 0 : azIndex;
}
