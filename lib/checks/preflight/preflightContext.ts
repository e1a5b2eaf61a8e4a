/** What every preflight check gets: the spec the program would build, AWS as the caller, the caller's machine, the clock. */
import { PlatformSpec } from "../../spec";
import { AwsClients } from "../awsClients";
import { DockerProbe } from "./dockerProbe";

export interface PreflightContext {
  spec: PlatformSpec;
  clients: AwsClients;
  /** The caller's account (STS): a certificate must belong to it. */
  accountId: string;
  now: Date;
  /** The stack's `aws:region` config value, undefined when unset. */
  stackRegion: string | undefined;
  /** The caller's environment (AWS_REGION, AWS_DEFAULT_REGION). */
  env: Readonly<Record<string, string | undefined>>;
  /** Runs `docker <args>` on the caller's machine. */
  docker: DockerProbe;
}
