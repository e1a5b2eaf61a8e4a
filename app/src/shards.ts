/**
 * Which partition of the pending index a payment goes to. A payment's shard is a function of its id,
 * so an attempt taking over a crashed one writes the same item, and the 8 shards fill evenly (one
 * index partition takes 1,000 writes/s; contract.ts TABLE.pendingShards).
 */
import { createHash } from "crypto";
import { TABLE } from "./contract";

/** The shard values, "0" to "7": the worker queries each in turn. */
export const PENDING_SHARDS: readonly string[] = Array.from({ length: TABLE.pendingShards }, (_, i) => String(i));

/** The shard of payment `id`: the first byte of its sha256 (256 is a multiple of 8, so every shard is equally likely). */
export function shardOf(id: string): string {
  return PENDING_SHARDS[createHash("sha256").update(id).digest()[0] % PENDING_SHARDS.length];
}
