import * as pulumi from "@pulumi/pulumi";
import { withSuffix } from "../spec/names";

/**
 * Where the services' and the cluster's resources lived before services were data: under the
 * Security, Observability, Compute and Scaling components. Their aliases (Cluster, FargateService)
 * name these parents, so a stack deployed from that layout updates in place instead of creating
 * every moved resource anew and deleting the old one (https://www.pulumi.com/docs/iac/concepts/options/aliases/).
 * Remove them once no stack of the old layout is left.
 */
export interface FormerParents {
  security: pulumi.Output<string>;
  observability: pulumi.Output<string>;
  compute: pulumi.Output<string>;
  scaling: pulumi.Output<string>;
}

export function formerParentUrns(platform: pulumi.Resource, suffix: string): FormerParents {
  const urn = (kind: string, type: string) => pulumi.createUrn(withSuffix(kind, suffix), type, platform);
  return {
    security: urn("security", "payment:security:Security"),
    observability: urn("observability", "payment:observability:Observability"),
    compute: urn("compute", "payment:compute:Compute"),
    scaling: urn("scaling", "payment:scaling:Scaling"),
  };
}

/** The services of the former layout, and the one whose alarms it had: only their resources existed before. */
export const FORMER_SERVICE_IDS: readonly string[] = ["api", "worker"];
export const FORMER_ALARMED_SERVICE_IDS: readonly string[] = ["api"];
