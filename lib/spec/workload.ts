import { WorkloadProfile } from "./platformSpec";

/** Hours in a billing month as AWS pricing pages count them (https://aws.amazon.com/fargate/pricing/). */
export const HOURS_PER_MONTH = 730;
export const HOURS_PER_WEEK = 168;
/** A month is modelled as 730 / 168 repetitions of the reference week. */
export const WEEKS_PER_MONTH = HOURS_PER_MONTH / HOURS_PER_WEEK;

/**
 * The weekday hours the scheduled minimum is raised and lowered: business hours widened by the
 * ramps, clamped to the day (cron hours 0-23). The scheduled actions use them, and the cost and SLO
 * models treat the hours outside them (and weekends) as off hours.
 */
export function businessHoursWindow(profile: WorkloadProfile): { raiseHour: number; lowerHour: number } {
  return {
    raiseHour: Math.max(0, profile.businessStartHour - profile.rampHours),
    lowerHour: Math.min(23, profile.businessEndHour + profile.rampHours),
  };
}

/** Hour of week 0 is Monday 00:00 US Eastern; days 5 and 6 are the weekend. */
export function isWeekend(hourOfWeek: number): boolean {
  return Math.floor(hourOfWeek / 24) >= 5;
}

/**
 * Request rate of one weekday hour: the night rate, a linear ramp of `rampHours` on each side of
 * business hours (evaluated at the middle of the hour), and the peak rate in business hours.
 */
export function weekdayRps(profile: WorkloadProfile, hourOfDay: number): number {
  const { peakRps, nightRps, businessStartHour, businessEndHour, rampHours } = profile;
  const mid = hourOfDay + 0.5;
  if (mid >= businessStartHour && mid <= businessEndHour) return peakRps;
  const distance = mid < businessStartHour ? businessStartHour - mid : mid - businessEndHour;
  if (distance >= rampHours) return nightRps;
  return peakRps - (peakRps - nightRps) * (distance / rampHours);
}

/** 168 request rates, one per hour of the reference week. */
export function rpsByHourOfWeek(profile: WorkloadProfile): number[] {
  return Array.from({ length: HOURS_PER_WEEK }, (_, hourOfWeek) => {
    const weekday = weekdayRps(profile, hourOfWeek % 24);
    return isWeekend(hourOfWeek) ? weekday * profile.weekendFactor : weekday;
  });
}

/** vCPU the web service needs at a request rate: request rate times CPU time per request. */
export function webVcpuDemand(profile: WorkloadProfile, rps: number): number {
  return (rps * profile.cpuMsPerRequest) / 1000;
}

/** Requests served in a month. */
export function monthlyRequests(profile: WorkloadProfile): number {
  const weekly = rpsByHourOfWeek(profile).reduce((sum, rps) => sum + rps * 3600, 0);
  return weekly * WEEKS_PER_MONTH;
}

/** The time zone of the workload profile's clock: business hours, the schedule and the hour of week. */
export const WORKLOAD_TIME_ZONE = "America/New_York";

const WEEKDAY_INDEX: Readonly<Record<string, number>> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };
const EASTERN_CLOCK = new Intl.DateTimeFormat("en-US", {
  timeZone: WORKLOAD_TIME_ZONE,
  weekday: "short",
  hour: "numeric",
  hourCycle: "h23",
});

/** The hour of the reference week an instant falls in, on the US Eastern clock (daylight saving included). */
export function hourOfWeekAt(instant: Date): number {
  const parts = Object.fromEntries(EASTERN_CLOCK.formatToParts(instant).map((p) => [p.type, p.value]));
  return WEEKDAY_INDEX[parts.weekday] * 24 + Number(parts.hour);
}
