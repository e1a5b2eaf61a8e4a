/**
 * Every policy of the pack, in the order the plan reports them. policy/index.ts serves them to the
 * Pulumi CLI; lib/commands/plan/planPolicies.ts runs the same objects offline.
 */
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import {
  albAccessLogs,
  archiveBucketKeepsTwelveMonths,
  vpcFlowLogs,
  wafLogsRedactAuthorization,
  wafOnPublicAlb,
} from "./auditPolicies";
import { logRetention, nothingRetainedOrProtected, physicalNamesCarrySuffix } from "./platformPolicies";
import {
  containersHardened,
  kmsRotation,
  listenerTlsPolicy,
  noWildcardActions,
  rolesNameResources,
  tasksPrivate,
} from "./securityPolicies";

export type PaymentPolicy = ResourceValidationPolicy | StackValidationPolicy;

export const PAYMENT_POLICIES: PaymentPolicy[] = [
  physicalNamesCarrySuffix,
  nothingRetainedOrProtected,
  logRetention,
  tasksPrivate,
  listenerTlsPolicy,
  kmsRotation,
  noWildcardActions,
  rolesNameResources,
  containersHardened,
  wafOnPublicAlb,
  wafLogsRedactAuthorization,
  albAccessLogs,
  vpcFlowLogs,
  archiveBucketKeepsTwelveMonths,
];
