/**
 * The HTTPS listener's certificate (certificateArn): of the caller's account, in us-east-1, ISSUED,
 * not expiring within 30 days, a type an internet client trusts, and covering apiDomainName (the
 * API's DNS name, pointed at the ALB outside the stack; without it a warning says nothing could
 * compare the names). Without certificateArn (dev, staging) the stack generates a self-signed
 * certificate: nothing to check.
 */
import { CertificateDetail, DescribeCertificateCommand } from "@aws-sdk/client-acm";
import { placeholders } from "../../config/placeholders";
import { plural } from "../../format";
import { fail, Finding, pass, warn } from "../checkResult";
import { CheckDefinition } from "../runChecks";
import { PreflightContext } from "./preflightContext";

/** A certificate expiring sooner than this is a warning: ACM renews its own 60 days ahead, so this one is not renewing. */
export const MIN_DAYS_TO_EXPIRY = 30;

const DAY_MS = 24 * 60 * 60 * 1000;

const SET_CERTIFICATE =
  "set an ISSUED ACM certificate of this account in us-east-1 for the API's domain: pulumi config set certificateArn arn:aws:acm:us-east-1:<account>:certificate/<id>";

/** arn:aws:acm:<region>:<account>:certificate/<id> */
function arnParts(arn: string): { region: string; account: string } {
  const [, , , region, account] = arn.split(":");
  return { region, account };
}

const STATUS_ACTIONS: Readonly<Record<string, string>> = {
  PENDING_VALIDATION:
    "complete the validation: create the CNAME records ACM lists for the certificate (DNS validation) or approve the emails, then wait for ISSUED",
};

function validity(subject: string, cert: CertificateDetail, now: Date): Finding {
  const expected = `valid for at least ${MIN_DAYS_TO_EXPIRY} more days`;
  const notAfter = cert.NotAfter;
  if (notAfter === undefined)
    return warn(subject, expected, "no expiry date in ACM's answer", "check the certificate in the ACM console");
  const days = Math.floor((notAfter.getTime() - now.getTime()) / DAY_MS);
  const found = `expires ${notAfter.toISOString().slice(0, 10)} (in ${days} days)`;
  if (days >= MIN_DAYS_TO_EXPIRY) return pass(subject, expected, found);
  return warn(
    subject,
    expected,
    found,
    cert.Type === "IMPORTED"
      ? "an imported certificate does not renew: import the renewed one into the same ARN (aws acm import-certificate --certificate-arn ...)"
      : "ACM renews its certificates 60 days ahead, so this one is not renewing: see its renewal status in the ACM console (a validation record missing?)",
  );
}

function trust(subject: string, cert: CertificateDetail): Finding {
  const found = `${cert.Type ?? "unknown type"}, in use by ${plural((cert.InUseBy ?? []).length, "resource")}`;
  return cert.Type === "PRIVATE"
    ? warn(
        subject,
        "issued by ACM or imported (publicly trusted)",
        found,
        "a private CA's certificate is trusted only by clients that trust that CA: use a public certificate for a public API",
      )
    : pass(subject, "issued by ACM or imported (publicly trusted)", found);
}

/**
 * Whether a certificate name covers a host name: equal, or a wildcard standing for exactly one
 * leftmost label (RFC 6125 section 6.4.3; `*.example.com` covers `api.example.com`, not `example.com`
 * or `a.b.example.com`).
 */
export function covers(name: string, host: string): boolean {
  const [certificate, wanted] = [name.toLowerCase(), host.toLowerCase()];
  if (!certificate.startsWith("*.")) return certificate === wanted;
  const dot = wanted.indexOf(".");
  return dot > 0 && wanted.slice(dot + 1) === certificate.slice(2);
}

/** The certificate's names against apiDomainName; without one, a warning that nothing can compare them. */
function namesFinding(subject: string, names: string[], domain: string | undefined): Finding {
  const found = names.length === 0 ? "no names" : names.join(", ");
  if (domain === undefined) {
    return warn(
      subject,
      "a name that apiDomainName gives",
      found,
      "pulumi config set apiDomainName <the API's DNS name>: preflight then checks the certificate covers it and verify checks the name served",
    );
  }
  return names.some((n) => covers(n, domain))
    ? pass(subject, `a name covering ${domain}`, found)
    : fail(
        subject,
        `a name covering ${domain}`,
        found,
        `clients of ${domain} would refuse this certificate: request one for ${domain} in ACM (us-east-1) and set certificateArn to it`,
      );
}

export const certificateCheck: CheckDefinition<PreflightContext> = {
  id: "account.certificate",
  title: "HTTPS certificate",
  failureClass: "account",
  permissions: ["acm:DescribeCertificate"],
  async run({ spec, clients, accountId, now }) {
    const arn = spec.loadBalancer.certificateArn;
    if (arn === undefined) {
      return [
        pass(
          "certificate",
          "a certificate for the HTTPS listener",
          `none configured: the stack generates a self-signed one (environment ${spec.environment}); clients must skip verification`,
        ),
      ];
    }
    const placeholder = placeholders(spec).find((p) => p.key === "certificateArn");
    if (placeholder !== undefined)
      return [fail(arn, "a certificate of this account", "a placeholder (all-zero id)", SET_CERTIFICATE)];
    const { region, account } = arnParts(arn);
    if (region !== "us-east-1" || account !== accountId) {
      return [
        fail(
          arn,
          `a certificate in us-east-1 of account ${accountId}`,
          `region ${region}, account ${account}`,
          `the ALB can use only a certificate of its own account and region: ${SET_CERTIFICATE}`,
        ),
      ];
    }
    let cert: CertificateDetail;
    try {
      cert = (await clients.acm.send(new DescribeCertificateCommand({ CertificateArn: arn }))).Certificate ?? {};
    } catch (error) {
      if ((error as Error).name !== "ResourceNotFoundException") throw error;
      return [fail(arn, "an ISSUED certificate", "not found in ACM", SET_CERTIFICATE)];
    }
    const status = cert.Status ?? "unknown";
    const names = [...new Set([cert.DomainName, ...(cert.SubjectAlternativeNames ?? [])].filter((n) => n !== undefined))];
    return [
      status === "ISSUED"
        ? pass(`${arn} status`, "ISSUED")
        : fail(
            `${arn} status`,
            "ISSUED",
            status,
            STATUS_ACTIONS[status] ?? `request or import a new certificate: ${SET_CERTIFICATE}`,
          ),
      validity(`${arn} validity`, cert, now),
      trust(`${arn} type`, cert),
      namesFinding(`${arn} names`, names, spec.loadBalancer.domainName),
    ];
  },
};
