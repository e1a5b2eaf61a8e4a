/**
 * The shape of a config key: its type, description, per-environment default and rule. Keys are built
 * with `integer`, `boolean`, `text` and `choice` so that each definition keeps its exact type: a key
 * table read through `KeyValues<typeof table>` gives every value its type (a choice its union, a key
 * without a default `| undefined`) with no cast, and a misspelled key fails `tsc`.
 */
import type { Environment } from "../spec/platformSpec";

export const ENVIRONMENTS: readonly Environment[] = ["dev", "staging", "prod"];

export type PerEnvironment<T> = Readonly<Record<Environment, T>>;
/** One value for every environment, or one per environment. */
export type Defaults<T> = T | PerEnvironment<T>;

/** Defaults that differ per environment; written once in the key table. */
export const perEnv = <const T>(dev: T, staging: T, prod: T): PerEnvironment<T> => ({ dev, staging, prod });

interface KeyCommon {
  description: string;
  /** A good value, quoted in error messages and used as the offline stand-in for a secret value. */
  example: string;
  /** Unset is an error; such a key has no default. */
  required?: true;
}

export interface IntegerKey extends KeyCommon {
  type: "integer";
  /** Inclusive range; absent where another rule bounds the value (Fargate sizes). */
  min?: number;
  max?: number;
  /** The only values accepted within min..max (CloudWatch's retention values, say). */
  allowed?: readonly number[];
  defaults?: Defaults<number>;
}

export interface BooleanKey extends KeyCommon {
  type: "boolean";
  defaults?: Defaults<boolean>;
}

export interface StringKey<T extends string = string> extends KeyCommon {
  type: "string";
  /** An enumeration; absent means any string (formats are checked by the config rules). */
  allowed?: readonly T[];
  defaults?: Defaults<T>;
}

export type KeySpec = IntegerKey | BooleanKey | StringKey;
export type KeyType = KeySpec["type"];
export type Value = number | boolean | string;

/** The value type of a key. */
export type ValueOf<K> = K extends IntegerKey
  ? number
  : K extends BooleanKey
    ? boolean
    : K extends StringKey<infer T>
      ? T
      : never;

/** A key with a default or marked required always has a value; any other may be unset. */
export type ResolvedValue<K> = K extends { defaults: unknown } | { required: true } ? ValueOf<K> : ValueOf<K> | undefined;

/** The values of a key table, each with its own type. */
export type KeyValues<T> = { -readonly [F in keyof T]: ResolvedValue<T[F]> };

/** A key definition with its config name (the part after `payment-platform:`). */
export type NamedKey<K extends KeySpec = KeySpec> = K & { key: string };

export const integer = <const K extends Omit<IntegerKey, "type">>(k: K): K & { type: "integer" } => ({ ...k, type: "integer" });
export const boolean = <const K extends Omit<BooleanKey, "type">>(k: K): K & { type: "boolean" } => ({ ...k, type: "boolean" });
export const text = <const K extends Omit<StringKey, "type" | "allowed">>(k: K): K & { type: "string" } => ({
  ...k,
  type: "string",
});
export const choice = <const T extends string, const K extends Omit<StringKey<T>, "type" | "allowed">>(
  allowed: readonly T[],
  k: K,
): K & { type: "string"; allowed: readonly T[] } => ({ ...k, type: "string", allowed });

/** Names every key of a table after its property: `named({ apiCpu: integer(...) }).apiCpu.key === "apiCpu"`. */
export function named<T extends Record<string, KeySpec>>(table: T): Named<T> {
  return Object.fromEntries(
    Object.entries(table).map(([key, definition]) => [key, { ...definition, key }]),
  ) as unknown as Named<T>;
}

export type Named<T> = { [F in keyof T]: T[F] & { key: F & string } };

/** The default of a key for an environment, or undefined when it has none. */
export function defaultFor(definition: KeySpec, environment: Environment): Value | undefined {
  const { defaults } = definition;
  if (defaults !== null && typeof defaults === "object") return (defaults as PerEnvironment<Value>)[environment];
  return defaults;
}

/** True when a key's default is the same in every environment (Pulumi.yaml can declare it). */
export function hasUniformDefault(definition: KeySpec): boolean {
  return definition.defaults !== undefined && typeof definition.defaults !== "object";
}
