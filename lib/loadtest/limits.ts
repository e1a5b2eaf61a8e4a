/**
 * The bounds of a load test and its default shape. A load test is aimed at a payment API, so every
 * dimension has a ceiling the command refuses to go past: a typo ("--rps 20000", "--duration 36000")
 * must fail at once, naming the flag, instead of flooding a stack for hours.
 */

/**
 * One Node process sends a few thousand small requests a second on one core before its own event
 * loop falls behind the schedule, and that lag is measured as latency (it starts at the scheduled
 * time). 2000 stays clear of it and is 8 times the default workload's 250 rps peak.
 */
export const MAX_RPS = 2000;

/**
 * Ten minutes: long enough to watch one scale-out (a cooldown plus a task launch, a few minutes),
 * short enough that a mistaken run ends soon. With MAX_RPS it also bounds the latencies kept in
 * memory: 1.2 million numbers, under 10 MB.
 */
export const MAX_DURATION_SECONDS = 600;

/**
 * Each connection is one socket and one file descriptor; 256 stays far below the usual 1024 open
 * files per process, and by Little's law (in flight = rate x latency) it carries MAX_RPS while
 * requests take 128 ms on average, three times the modelled 40 ms (10 ms CPU + 30 ms downstream).
 */
export const MAX_CONNECTIONS = 256;

/**
 * A request not answered this long after its scheduled send time is aborted and counted as a
 * timeout. Well above any answer the service gives: its DynamoDB calls time out after 2 s and are
 * tried twice, so even its 503 comes within about 4 s. Every request is settled by its scheduled
 * time plus this, so a run ends by --duration plus this at the latest.
 */
export const REQUEST_TIMEOUT_MS = 10_000;

/** Defaults: a short, gentle run (500 requests), enough for stable p50/p90 and a rough p99. */
export const DEFAULT_RPS = 50;
export const DEFAULT_DURATION_SECONDS = 10;
/** By Little's law 64 connections carry 1600 rps at 40 ms (the modelled 10 ms CPU + 30 ms downstream). */
export const DEFAULT_CONNECTIONS = 64;

/**
 * Reads go to one of the last this many payments the run created: enough to spread reads over many
 * items, and a fixed size, so a long run keeps a bounded list of ids.
 */
export const READ_ID_POOL_SIZE = 1024;
