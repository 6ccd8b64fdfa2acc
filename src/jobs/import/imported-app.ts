/** One app import made, before it is checked against the schema. */
export interface ImportedApp {
  /** The resource it came from, as the report names it. */
  readonly from: string;
  /** The `apps[]` entry, in the form sluice.yaml spells it. */
  readonly app: Record<string, unknown>;
}
