/**
 * Every check verify runs, in the order people read them: the cluster and its services, the load
 * balancer, autoscaling, logs, alarms and cost guardrails, the payments table, the running tasks,
 * the compliance controls (each only while its setting is on), then what a caller sees (HTTP) and
 * what CloudWatch measured (latency).
 */
import { HTTP_CHECKS } from "../http/httpChecks";
import { CheckDefinition } from "../runChecks";
import { alarmsCheck } from "./alarmsCheck";
import { albAccessLogsCheck } from "./albAccessLogsCheck";
import { archiveLifecycleCheck, archivePublicAccessCheck } from "./auditArchiveChecks";
import { deliveryStreamsCheck, subscriptionFiltersCheck } from "./auditDeliveryChecks";
import { clusterCheck } from "./clusterCheck";
import { anomalyMonitorCheck, budgetCheck } from "./costGuardrailsCheck";
import { flowLogsCheck } from "./flowLogsCheck";
import { latencyCheck } from "./latencyCheck";
import { listenersCheck, loadBalancerCheck, targetGroupCheck, targetHealthCheck } from "./loadBalancerChecks";
import { logGroupsCheck } from "./logGroupsCheck";
import { paymentsTableCheck } from "./paymentsTableCheck";
import { runningTasksCheck } from "./runningTasksCheck";
import { scalableTargetsCheck, scalingPoliciesCheck } from "./scalingChecks";
import { serviceMonitoring, servicePlacement, serviceSteady, taskArchitecture } from "./serviceChecks";
import { VerifyContext } from "./verifyContext";
import { webFirewallCheck } from "./webFirewallCheck";

export const AWS_VERIFY_CHECKS: readonly CheckDefinition<VerifyContext>[] = [
  clusterCheck,
  serviceSteady,
  servicePlacement,
  taskArchitecture,
  serviceMonitoring,
  loadBalancerCheck,
  listenersCheck,
  targetGroupCheck,
  targetHealthCheck,
  scalableTargetsCheck,
  scalingPoliciesCheck,
  logGroupsCheck,
  alarmsCheck,
  budgetCheck,
  anomalyMonitorCheck,
  paymentsTableCheck,
  runningTasksCheck,
  albAccessLogsCheck,
  webFirewallCheck,
  flowLogsCheck,
  archiveLifecycleCheck,
  archivePublicAccessCheck,
  deliveryStreamsCheck,
  subscriptionFiltersCheck,
];

export const VERIFY_CHECKS: readonly CheckDefinition<VerifyContext>[] = [...AWS_VERIFY_CHECKS, ...HTTP_CHECKS, latencyCheck];
