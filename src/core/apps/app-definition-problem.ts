/** One problem in one app or app-set definition, located so a person can fix it. */
export interface AppDefinitionProblem {
  /** `sluice.yaml`, or `<repo>@<branch>:<file>` for a definition from an app source. */
  readonly file: string;
  /** Dotted path inside the file, as config errors give it (`apps.0.destination.cluster`). */
  readonly path: string;
  readonly message: string;
  /** The app or app set the definition names, when it could be read. */
  readonly name?: string;
}
