/**
 * Raw config strings -> typed values, key by key: the type, the enumeration and the range of each
 * key, the environment's default when a key is unset, and every problem reported with the key, the
 * value, the rule and an example. An empty value means unset for every key. A key of the project's
 * namespace that no table declares is refused with the closest declared key suggested.
 */
import { closest, distance } from "fastest-levenshtein";
import type { Environment } from "../spec/platformSpec";
import { defaultFor, KeyValues, NamedKey, Value } from "./keyTable";
import { ConfigSource } from "./source";

/** One problem: the key, the value, the rule it breaks and a good value. */
export function problem(definition: NamedKey, raw: unknown, rule: string): string {
  return `${definition.key} = ${JSON.stringify(raw)}: ${rule}. Example: pulumi config set ${definition.key} ${definition.example}`;
}

/** Parses one raw string by the key's type and checks enumeration and range. */
function parseValue(definition: NamedKey, raw: string, problems: string[]): Value | undefined {
  if (definition.type === "boolean") {
    if (raw === "true" || raw === "false") return raw === "true";
    problems.push(problem(definition, raw, "must be true or false"));
    return undefined;
  }
  if (definition.type === "integer") {
    const { min, max, allowed } = definition;
    if (!/^-?\d+$/.test(raw.trim())) {
      problems.push(problem(definition, raw, "must be a whole number"));
      return undefined;
    }
    const value = Number(raw);
    if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
      problems.push(problem(definition, raw, `must be between ${min} and ${max}`));
      return undefined;
    }
    if (allowed && !allowed.includes(value)) {
      problems.push(problem(definition, raw, `must be one of ${allowed.join(", ")}`));
      return undefined;
    }
    return value;
  }
  if (definition.allowed && !definition.allowed.includes(raw)) {
    problems.push(problem(definition, raw, `must be one of ${definition.allowed.join(", ")}`));
    return undefined;
  }
  return raw;
}

/** A key's value: parsed when set, else the environment's default (undefined when it has none). */
export function readKey(
  definition: NamedKey,
  source: ConfigSource,
  environment: Environment,
  problems: string[],
): Value | undefined {
  const raw = source.get(definition.key);
  if (raw === undefined || raw === "") {
    if (definition.required) problems.push(problem(definition, null, "is required"));
    return defaultFor(definition, environment);
  }
  return parseValue(definition, raw, problems);
}

/**
 * Every key of a table, typed by the table. A value that fails its rule is reported and left
 * undefined; the caller builds nothing from the values unless `problems` stays empty.
 */
export function readTable<T extends Record<string, NamedKey>>(
  table: T,
  source: ConfigSource,
  environment: Environment,
  problems: string[],
): KeyValues<T> {
  return Object.fromEntries(
    Object.entries(table).map(([field, definition]) => [field, readKey(definition, source, environment, problems)]),
  ) as KeyValues<T>;
}

/** How far a misspelling may be from a key and still be suggested: a third of its length, at least 2 edits. */
function closeEnough(unknown: string, candidate: string): boolean {
  return distance(unknown.toLowerCase(), candidate.toLowerCase()) <= Math.max(2, Math.floor(unknown.length / 3));
}

/** One problem per set key that no table declares, with the closest declared key when there is a close one. */
export function unknownKeyProblems(setKeys: readonly string[], declared: readonly string[]): string[] {
  const lowerCased = declared.map((k) => k.toLowerCase());
  return setKeys
    .filter((key) => !declared.includes(key))
    .map((key) => {
      const suggestion = declared[lowerCased.indexOf(closest(key.toLowerCase(), lowerCased))];
      const hint = closeEnough(key, suggestion)
        ? `did you mean ${suggestion}?`
        : "it is not a key of this project (README.md, Configuration, lists every key)";
      return `unknown key ${key}; ${hint}`;
    });
}
