/**
 * The policy pack the Pulumi CLI runs: `pulumi preview --policy-pack policy`. Constructing a
 * PolicyPack starts the analyzer's gRPC server for the CLI, so this is the only file that does; the
 * offline plan imports the policies themselves (./policies) and runs them without a server.
 */
import { PolicyPack } from "@pulumi/policy";
import { PAYMENT_POLICIES } from "./policies";

new PolicyPack("payment-platform", { policies: PAYMENT_POLICIES });
