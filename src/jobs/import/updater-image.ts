/** One image Argo CD Image Updater tracks for an app, from annotations or an ImageUpdater resource. */
export interface UpdaterImage {
  readonly alias: string;
  /** The repository as written, without the constraint. */
  readonly image: string;
  readonly constraint?: string | undefined;
  readonly strategy: string;
  /** `regexp:<pattern>` or `any`. */
  readonly allowTags?: string | undefined;
  readonly ignoreTags: readonly string[];
  readonly helm: {
    readonly name?: string | undefined;
    readonly tag?: string | undefined;
    readonly spec?: string | undefined;
  };
  readonly kustomizeName?: string | undefined;
  /** `argocd` (the default) or `git[:secret:…]`. */
  readonly method: string;
  /** `kustomization[:path]` or `helmvalues[:path]`. */
  readonly target?: string | undefined;
  readonly branch?: string | undefined;
  /** Settings with no Sluice equivalent that were set (platforms, pullSecret, forceUpdate). */
  readonly unsupported: readonly string[];
}

/** `nginx:1.x` → image `nginx`, constraint `1.x`; a registry port is not a constraint. */
export function splitImageConstraint(text: string): { image: string; constraint?: string } {
  const trimmed = text.trim();
  const colon = trimmed.lastIndexOf(":");
  if (colon === -1 || colon < trimmed.lastIndexOf("/")) return { image: trimmed };
  return { image: trimmed.slice(0, colon), constraint: trimmed.slice(colon + 1) };
}
