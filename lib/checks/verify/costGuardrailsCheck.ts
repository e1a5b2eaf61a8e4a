/** The monthly budget (with the limit the program derives) and the cost anomaly monitor exist. */
import { DescribeBudgetCommand } from "@aws-sdk/client-budgets";
import { GetAnomalyMonitorsCommand } from "@aws-sdk/client-cost-explorer";
import { budgetLimitUsd } from "../../design/costGuardrails";
import { buildCostReport } from "../../models/cost/costReport";
import { physicalName } from "../../spec/names";
import { compare, fail, pass } from "../checkResult";
import { CheckDefinition } from "../runChecks";
import { RESTORE } from "./clusterCheck";
import { VerifyContext } from "./verifyContext";

export const budgetCheck: CheckDefinition<VerifyContext> = {
  id: "cost.budget",
  title: "Monthly budget",
  failureClass: "drift",
  permissions: ["budgets:ViewBudget"],
  async run({ spec, clients, accountId }) {
    const name = physicalName("budget", spec.environmentSuffix);
    const limit = budgetLimitUsd(spec, buildCostReport(spec).optimized.monthlyUsd);
    try {
      const answer = await clients.budgets.send(new DescribeBudgetCommand({ AccountId: accountId, BudgetName: name }));
      const amount = answer.Budget?.BudgetLimit;
      return [compare(name, `${limit} USD per month`, `${Number(amount?.Amount)} ${amount?.Unit} per month`, RESTORE)];
    } catch (error) {
      if ((error as Error).name !== "NotFoundException") throw error;
      return [fail(name, `${limit} USD per month`, "not found", RESTORE)];
    }
  },
};

export const anomalyMonitorCheck: CheckDefinition<VerifyContext> = {
  id: "cost.anomalyMonitor",
  title: "Cost anomaly monitor",
  failureClass: "drift",
  permissions: ["ce:GetAnomalyMonitors"],
  async run({ spec, clients }) {
    const name = physicalName("costAnomalyMonitor", spec.environmentSuffix);
    let nextPageToken: string | undefined;
    do {
      const page = await clients.costExplorer.send(new GetAnomalyMonitorsCommand({ NextPageToken: nextPageToken }));
      const monitor = page.AnomalyMonitors?.find((m) => m.MonitorName === name);
      if (monitor !== undefined) return [pass(name, "present", `present (${monitor.MonitorArn})`)];
      nextPageToken = page.NextPageToken;
    } while (nextPageToken !== undefined);
    return [fail(name, "present", "not found", RESTORE)];
  },
};
