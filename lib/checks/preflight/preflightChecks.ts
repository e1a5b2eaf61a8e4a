/**
 * Every check preflight runs before a first `pulumi up`, in the order people read them: the account
 * (quotas, roles, certificate, cost tag), then the caller's machine (Docker, region).
 */
import { CheckDefinition } from "../runChecks";
import { certificateCheck } from "./certificateCheck";
import { costAllocationTagCheck } from "./costAllocationTagCheck";
import { dockerCheck } from "./dockerCheck";
import { fargateQuotaCheck } from "./fargateQuotaCheck";
import { PreflightContext } from "./preflightContext";
import { regionCheck } from "./regionCheck";
import { serviceLinkedRolesCheck } from "./serviceLinkedRolesCheck";

export const PREFLIGHT_CHECKS: readonly CheckDefinition<PreflightContext>[] = [
  fargateQuotaCheck,
  serviceLinkedRolesCheck,
  certificateCheck,
  costAllocationTagCheck,
  dockerCheck,
  regionCheck,
];
