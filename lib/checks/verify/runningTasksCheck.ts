/**
 * The measured cost drivers: each service's running tasks by capacity provider against what the
 * models plan for this hour of the week. A task count that differs from the plan is a warning (real
 * traffic is not the modelled week); fewer on-demand tasks than the on-demand base is a failure,
 * since the latency floor rests on them. (No public IPs is the service's network configuration,
 * checked by serviceChecks.ts: Fargate gives a task's interface a public IP only when the service
 * asks for one, https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-task-networking.html.)
 */
import { splitByCapacityProvider } from "../../models/fleet/steadyState";
import { tasksByHour } from "../../models/fleet/usage";
import { serviceList } from "../../spec";
import { hourOfWeekAt } from "../../spec/workload";
import { fail, Finding, pass, warn } from "../checkResult";
import { plural } from "../../format";
import { CheckDefinition } from "../runChecks";
import { VerifyContext } from "./verifyContext";

const splitText = (onDemand: number, spot: number) => `${onDemand} FARGATE + ${spot} FARGATE_SPOT`;

export const runningTasksCheck: CheckDefinition<VerifyContext> = {
  id: "ecs.tasks",
  title: "Running tasks against the plan",
  failureClass: "health",
  permissions: ["ecs:ListTasks", "ecs:DescribeTasks"],
  async run(ctx) {
    const hour = hourOfWeekAt(ctx.now);
    const findings: Finding[] = [];
    for (const service of serviceList(ctx.spec)) {
      const name = ctx.deployed.names.service(service);
      const tasks = await ctx.deployed.runningTasks(service);
      const onDemand = tasks.filter((t) => t.capacityProviderName === "FARGATE").length;
      const spot = tasks.filter((t) => t.capacityProviderName === "FARGATE_SPOT").length;
      const planned = tasksByHour(ctx.spec, service)[hour];
      const plannedSplit = splitByCapacityProvider(planned, service.onDemandBase, service.onDemandWeight, service.spotWeight);
      const expected = `${plural(planned, "task")} (${splitText(plannedSplit.onDemand, plannedSplit.spot)}), the plan for hour ${hour} of the week (US Eastern)`;
      const found = `${plural(tasks.length, "task")} (${splitText(onDemand, spot)})`;
      const floor = Math.min(tasks.length, service.onDemandBase);
      findings.push(
        onDemand < floor
          ? fail(
              `${name} tasks`,
              expected,
              found,
              `fewer on-demand tasks than the on-demand base (${service.onDemandBase}): check the service's events for FARGATE capacity errors`,
            )
          : planned === tasks.length && plannedSplit.onDemand === onDemand
            ? pass(`${name} tasks`, expected, found)
            : warn(
                `${name} tasks`,
                expected,
                found,
                "the traffic differs from the modelled week, or autoscaling is moving: compare with the plan's hourly table; the cost follows the running tasks",
              ),
      );
    }
    return findings;
  },
};
