/**
 * The load balancer: an internet-facing ALB in the public subnets, an HTTPS listener with a TLS 1.3
 * policy (the configured ACM certificate, or outside prod a generated self-signed one so traffic is
 * encrypted in every environment), an HTTP listener that only redirects, and the API target group.
 */
import * as aws from "./aws";
import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";
import { physicalName, targetGroupName, withSuffix } from "../spec/names";
import { PlatformSpec, webService } from "../spec";
import { HTTP_PORT, HTTP_TO_HTTPS_REDIRECT, HTTPS_PORT, TLS_POLICY } from "../design/listeners";

/** Self-signed certificates live a year; `pulumi up` after expiry replaces them. */
const SELF_SIGNED_VALIDITY_HOURS = 24 * 365;

export interface LoadBalancerArgs {
  vpcId: pulumi.Input<string>;
  publicSubnetIds: pulumi.Input<string>[];
  securityGroupId: pulumi.Input<string>;
  /**
   * An internet-facing ALB created before the VPC's internet gateway is attached fails with
   * "InvalidSubnet: VPC ... has no internet gateway" (https://github.com/hashicorp/terraform-provider-aws/issues/3494,
   * https://github.com/hashicorp/terraform-provider-aws/issues/4587); the dependency also deletes the ALB first on destroy.
   */
  internetGateway: pulumi.Resource;
  /** The account's service-linked roles when the stack creates them: CreateLoadBalancer must find the ELB one. */
  serviceLinkedRoles: pulumi.Resource[];
  /**
   * Access logs to the audit archive (lib/infra/auditArchive.ts): the bucket, the key prefix, and what the
   * ALB waits for (the archive's deliveryReady): CreateLoadBalancer / ModifyLoadBalancerAttributes test-write to
   * the bucket and fail with "Access Denied for bucket" while its policy is not in place
   * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html,
   * https://github.com/aws/copilot-cli/pull/4169). Absent: no access logs.
   */
  accessLogs?: { bucket: pulumi.Input<string>; prefix: string; dependsOn: pulumi.Resource[] };
}

export class LoadBalancer extends pulumi.ComponentResource {
  readonly albArn: pulumi.Output<string>;
  readonly albArnSuffix: pulumi.Output<string>;
  readonly dnsName: pulumi.Output<string>;
  readonly targetGroupArn: pulumi.Output<string>;
  readonly targetGroupArnSuffix: pulumi.Output<string>;
  /** The HTTPS listener; services depend on it so the target group is attached before they start. */
  readonly httpsListener: aws.lb.Listener;

  constructor(spec: PlatformSpec, args: LoadBalancerArgs, opts?: pulumi.ComponentResourceOptions) {
    const suffix = spec.environmentSuffix;
    super("payment:loadBalancer:LoadBalancer", withSuffix("load-balancer", suffix), {}, opts);
    const child = { parent: this };
    const name = (kind: string) => withSuffix(kind, suffix);
    const lb = spec.loadBalancer;
    const web = webService(spec);

    const alb = new aws.lb.LoadBalancer(
      physicalName("alb", suffix),
      {
        name: physicalName("alb", suffix),
        loadBalancerType: "application",
        internal: false,
        subnets: args.publicSubnetIds,
        securityGroups: [args.securityGroupId],
        dropInvalidHeaderFields: true,
        idleTimeout: lb.idleTimeoutSeconds,
        enableDeletionProtection: false,
        enableHttp2: true,
        ...(args.accessLogs
          ? { accessLogs: { bucket: args.accessLogs.bucket, prefix: args.accessLogs.prefix, enabled: true } }
          : {}),
      },
      {
        ...child,
        dependsOn: [args.internetGateway, ...args.serviceLinkedRoles, ...(args.accessLogs?.dependsOn ?? [])],
      },
    );

    const targetGroup = new aws.lb.TargetGroup(
      targetGroupName(web.containerPort, suffix),
      {
        name: targetGroupName(web.containerPort, suffix),
        vpcId: args.vpcId,
        targetType: "ip",
        protocol: "HTTP",
        port: web.containerPort,
        // Short drain: in-flight payment calls finish, deploys and scale-in stay quick.
        deregistrationDelay: lb.deregistrationDelaySeconds,
        // Routes to the target with the fewest in-flight requests: better tail latency than round robin.
        loadBalancingAlgorithmType: "least_outstanding_requests",
        healthCheck: {
          enabled: true,
          path: web.healthCheckPath,
          protocol: "HTTP",
          port: "traffic-port",
          interval: lb.healthCheckIntervalSeconds,
          timeout: lb.healthCheckTimeoutSeconds,
          healthyThreshold: lb.healthyThreshold,
          unhealthyThreshold: lb.unhealthyThreshold,
          matcher: "200",
        },
      },
      child,
    );

    const certificateArn = lb.certificateArn ?? this.selfSignedCertificate(spec);

    this.httpsListener = new aws.lb.Listener(
      name("https-listener"),
      {
        loadBalancerArn: alb.arn,
        port: HTTPS_PORT,
        protocol: "HTTPS",
        sslPolicy: TLS_POLICY,
        certificateArn,
        defaultActions: [{ type: "forward", targetGroupArn: targetGroup.arn }],
      },
      child,
    );
    new aws.lb.Listener(
      name("http-redirect-listener"),
      {
        loadBalancerArn: alb.arn,
        port: HTTP_PORT,
        protocol: "HTTP",
        defaultActions: [{ type: "redirect", redirect: { ...HTTP_TO_HTTPS_REDIRECT } }],
      },
      child,
    );

    this.albArn = alb.arn;
    this.albArnSuffix = alb.arnSuffix;
    this.dnsName = alb.dnsName;
    this.targetGroupArn = targetGroup.arn;
    this.targetGroupArnSuffix = targetGroup.arnSuffix;
    this.registerOutputs({ dnsName: this.dnsName });
  }

  /** A self-signed certificate imported into ACM, for environments without a real one. */
  private selfSignedCertificate(spec: PlatformSpec): pulumi.Output<string> {
    const child = { parent: this };
    const name = (kind: string) => withSuffix(kind, spec.environmentSuffix);
    const key = new tls.PrivateKey(name("self-signed-key"), { algorithm: "ECDSA", ecdsaCurve: "P256" }, child);
    const cert = new tls.SelfSignedCert(
      name("self-signed-cert"),
      {
        privateKeyPem: key.privateKeyPem,
        subject: { commonName: `payment-api-${spec.environmentSuffix}.internal`, organization: spec.tags.Project },
        validityPeriodHours: SELF_SIGNED_VALIDITY_HOURS,
        allowedUses: ["key_encipherment", "digital_signature", "server_auth"],
      },
      child,
    );
    return new aws.acm.Certificate(
      name("self-signed-acm-cert"),
      { privateKey: key.privateKeyPem, certificateBody: cert.certPem },
      child,
    ).arn;
  }
}
