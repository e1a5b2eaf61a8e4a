/**
 * Every alarm the program creates exists, and none is in ALARM. INSUFFICIENT_DATA passes: a quiet
 * service has no datapoints, and the alarms treat missing data as the design says (lib/design/alarms.ts).
 */
import { DescribeAlarmsCommand, MetricAlarm } from "@aws-sdk/client-cloudwatch";
import { platformAlarmDefinitions, serviceAlarmDefinitions } from "../../design/alarms";
import { PlatformSpec, serviceList } from "../../spec";
import { physicalName } from "../../spec/names";
import { fail, pass } from "../checkResult";
import { CheckDefinition } from "../runChecks";
import { RESTORE } from "./clusterCheck";
import { VerifyContext } from "./verifyContext";

/** DescribeAlarms takes at most 100 names per call (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DescribeAlarms.html). */
const NAMES_PER_CALL = 100;

/** Every alarm name the stack creates; only the names matter here, so the ALB's ARN parts are left empty. */
export function alarmNames(spec: PlatformSpec): string[] {
  const ctx = { albArnSuffix: "", targetGroupArnSuffix: "", clusterName: physicalName("cluster", spec.environmentSuffix) };
  return [...platformAlarmDefinitions(spec, ctx), ...serviceList(spec).flatMap((s) => serviceAlarmDefinitions(spec, s, ctx))].map(
    (d) => d.name,
  );
}

export const alarmsCheck: CheckDefinition<VerifyContext> = {
  id: "cloudwatch.alarms",
  title: "Alarms exist and are not firing",
  failureClass: "health",
  permissions: ["cloudwatch:DescribeAlarms"],
  async run({ spec, clients }) {
    const names = alarmNames(spec);
    const found = new Map<string, MetricAlarm>();
    for (let i = 0; i < names.length; i += NAMES_PER_CALL) {
      const answer = await clients.cloudwatch.send(
        new DescribeAlarmsCommand({ AlarmNames: names.slice(i, i + NAMES_PER_CALL), MaxRecords: NAMES_PER_CALL }),
      );
      for (const alarm of answer.MetricAlarms ?? []) found.set(alarm.AlarmName!, alarm);
    }
    return names.map((name) => {
      const alarm = found.get(name);
      if (alarm === undefined) return fail(name, "OK or INSUFFICIENT_DATA", "not found", RESTORE, "drift");
      return alarm.StateValue === "ALARM"
        ? fail(
            name,
            "OK or INSUFFICIENT_DATA",
            `ALARM: ${alarm.StateReason ?? ""}`.trim(),
            "follow the alarm's runbook entry (docs/runbook.md)",
          )
        : pass(name, "OK or INSUFFICIENT_DATA", alarm.StateValue ?? "unknown");
    });
  },
};
