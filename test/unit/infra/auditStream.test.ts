/**
 * The audit stream as the prod program registers it (one run, shared by the file): each service
 * running the reference image gets a Standard-class audit log group next to its Infrequent Access
 * one, a task with the audit forwarder and the audit volume, and an execution role that may write
 * both groups. Everything else about the task is the service's own (test/unit/platform).
 */
import { PlatformRun, goldenRun, json } from "../support/runPlatform";
import type { PolicyDocument } from "../../../lib/infra/policies";

let run: PlatformRun;
beforeAll(() => {
  // The golden registrations of prod, which the golden test proves equal a fresh run of Pulumi.prod.yaml.
  run = goldenRun("prod");
});

const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const TASK_DEFINITION = "aws:ecs/taskDefinition:TaskDefinition";

describe.each(["payment-api", "payment-worker"])("prod's %s", (base) => {
  it("THEN its audit group is STANDARD (subscription filters need it) with the service group's retention and the stack's key, replaced delete-first", () => {
    const service = run.engine.named(`/ecs/${base}-prod`, LOG_GROUP);
    const audit = run.engine.named(`/ecs/${base}-audit-prod`, LOG_GROUP);
    expect(service.inputs.logGroupClass).toBe("INFREQUENT_ACCESS");
    expect(audit.inputs).toEqual({
      name: `/ecs/${base}-audit-prod`,
      retentionInDays: service.inputs.retentionInDays,
      kmsKeyId: service.inputs.kmsKeyId,
      logGroupClass: "STANDARD",
    });
    expect([audit.parent, audit.options.deleteBeforeReplace]).toEqual([service.parent, true]);
  });

  it("THEN its task runs the service and the audit forwarder from one image on the audit volume, the forwarder logging blocking to the audit group", () => {
    const task = run.engine.named(`${base}-prod`, TASK_DEFINITION);
    const containers = json<Record<string, unknown>[]>(task.inputs.containerDefinitions);
    expect(containers.map((c) => [c.name, c.image === containers[0].image])).toEqual([
      [base, true],
      ["audit-forwarder", true],
    ]);
    expect(task.inputs.volumes).toEqual([{ name: "audit-events" }]);
    expect(containers.map((c) => (c.logConfiguration as { options: Record<string, string> }).options)).toEqual([
      expect.objectContaining({ "awslogs-group": `/ecs/${base}-prod`, mode: "non-blocking" }),
      expect.objectContaining({ "awslogs-group": `/ecs/${base}-audit-prod`, mode: "blocking" }),
    ]);
    // The task's size is the service's: the forwarder shares it.
    expect([containers[1].cpu, containers[1].memory]).toEqual([undefined, undefined]);
  });

  it("THEN its execution role writes the streams of both its groups and no other", () => {
    const policy = run.engine
      .ofType("aws:iam/rolePolicy:RolePolicy")
      .map((p) => json<PolicyDocument>(p.inputs.policy))
      .find((p) =>
        p.Statement.some((s) => s.Sid === "WriteServiceLogs" && JSON.stringify(s.Resource).includes(`/ecs/${base}-prod:`)),
      );
    expect(policy?.Statement.find((s) => s.Sid === "WriteServiceLogs")?.Resource).toEqual([
      `arn:aws:logs:us-east-1:123456789012:log-group:/ecs/${base}-prod:log-stream:*`,
      `arn:aws:logs:us-east-1:123456789012:log-group:/ecs/${base}-audit-prod:log-stream:*`,
    ]);
  });
});
