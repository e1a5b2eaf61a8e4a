/** The ECS cluster: active, with the configured Container Insights mode and both Fargate capacity providers. */
import { compare, fail } from "../checkResult";
import { CheckDefinition } from "../runChecks";
import { VerifyContext } from "./verifyContext";

/** What `pulumi up` restores: the program sets these, so a difference is someone's console change. */
export const RESTORE = "run `pulumi up` for this stack to restore it (`pulumi preview --refresh` shows the difference first)";

export const clusterCheck: CheckDefinition<VerifyContext> = {
  id: "ecs.cluster",
  title: "ECS cluster",
  failureClass: "drift",
  permissions: ["ecs:DescribeClusters"],
  async run({ spec, deployed }) {
    const name = deployed.names.cluster;
    const cluster = await deployed.cluster();
    if (cluster === undefined) {
      return [
        fail(name, "an ACTIVE cluster", "not found", "deploy the stack (`pulumi up`), or pass the --stack it was deployed as"),
      ];
    }
    // ECS omits the setting on clusters that never had it set, which means disabled.
    const insights = cluster.settings?.find((s) => s.name === "containerInsights")?.value ?? "disabled";
    return [
      compare(
        `${name} status`,
        "ACTIVE",
        cluster.status ?? "unknown",
        "a cluster that is not ACTIVE runs no tasks: see the ECS console's events for it",
        "health",
      ),
      compare(`${name} Container Insights`, spec.observability.containerInsights, insights, RESTORE),
      compare(
        `${name} capacity providers`,
        "FARGATE, FARGATE_SPOT",
        [...(cluster.capacityProviders ?? [])].sort().join(", "),
        RESTORE,
      ),
    ];
  },
};
