/**
 * Values that only look like configuration: an all-zero certificate id, an address at a domain
 * reserved for examples (RFC 2606). A shipped stack
 * file may carry them so that the offline plan of that stack works out of the box; a deployment must
 * not. A placeholder that AWS would reject at `pulumi up` (a certificate that does not exist: the
 * HTTPS listener fails after the VPC, ALB and cluster are created) is refused by the program before
 * any resource exists; one AWS accepts silently (alarm mail nobody receives) is a warning there. The
 * offline plan warns about both, first thing.
 */
import type { PlatformSpec } from "../spec";

/** An ACM certificate id is a UUID; all zeros is no certificate anyone was issued. */
const ZERO_UUID = "00000000-0000-0000-0000-000000000000";
/** Second-level domains reserved for documentation (https://datatracker.ietf.org/doc/html/rfc2606#section-3). */
const EXAMPLE_DOMAIN = /@(?:[a-z0-9-]+\.)*example\.(?:com|net|org)$/i;

export interface Placeholder {
  key: string;
  value: string;
  /** True when AWS would reject the value during `pulumi up` (the program refuses to start). */
  failsDeploy: boolean;
  message: string;
}

export function placeholders(spec: PlatformSpec): Placeholder[] {
  const found: Placeholder[] = [];
  const cert = spec.loadBalancer.certificateArn;
  if (cert !== undefined && cert.endsWith(`certificate/${ZERO_UUID}`)) {
    found.push({
      key: "certificateArn",
      value: cert,
      failsDeploy: true,
      message:
        "certificateArn is a placeholder, not a certificate of your account: the HTTPS listener would fail to create. " +
        "Set your ACM certificate for the API's domain, issued in us-east-1: pulumi config set certificateArn arn:aws:acm:us-east-1:<account>:certificate/<id>",
    });
  }
  const email = spec.observability.alarmEmail;
  if (email !== undefined && EXAMPLE_DOMAIN.test(email)) {
    found.push({
      key: "alarmEmail",
      value: email,
      failsDeploy: false,
      message: `alarmEmail ${email} is at a domain reserved for examples: nobody would confirm the subscription or receive an alarm. Set your on-call address: pulumi config set alarmEmail <address>`,
    });
  }
  return found;
}
