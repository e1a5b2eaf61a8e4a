/**
 * What the mock engine recorded of a program run: every registration with its inputs and update
 * options, and the queries tests and the plan make of them. It imports nothing, so a test that
 * reads the golden registrations (test/golden/resources-<stack>.json) does not load the Pulumi SDK.
 */
export interface RecordedResource {
  type: string;
  name: string;
  /** Logical name of the parent component; undefined for the root. */
  parent?: string;
  custom: boolean;
  inputs: Record<string, unknown>;
  /**
   * The resource options that change how Pulumi updates it (asserted by tests); aliasParents are
   * the URNs of the parents an alias says the resource had before.
   */
  options: {
    deleteBeforeReplace?: boolean;
    ignoreChanges?: string[];
    /** Kept in the account when the stack is destroyed. */
    retainOnDelete?: boolean;
    /** Logical names of the resources it waits for (explicit dependsOn). */
    dependsOn?: string[];
    aliasParents?: string[];
    /** Logical name of the provider that manages it (custom resources only). */
    provider?: string;
  };
}

export class Registrations {
  constructor(readonly resources: RecordedResource[] = []) {}

  ofType(type: string): RecordedResource[] {
    return this.resources.filter((r) => r.type === type);
  }

  /** The one resource with this logical name (and type, where two types share a name). */
  named(name: string, type?: string): RecordedResource {
    const found = this.resources.filter((r) => r.name === name && (type === undefined || r.type === type));
    if (found.length !== 1) throw new Error(`expected one resource named ${name}, found ${found.length}`);
    return found[0];
  }
}
