/** `sluice import`'s usage, apart from its code so main.ts loads the importers only when asked. */
export const IMPORT_USAGE = `  import [FILE|DIR ...] [--kubeconfig FILE [--context NAME]] [--checkout [URL=]DIR ...]
         [--in-cluster NAME] [--values-repo URL] [--out FILE]
        Argo CD Applications and ApplicationSets, Image Updater annotations and ImageUpdaters,
        Flux sources, Kustomizations, HelmReleases and image automation, read from YAML files
        or a live cluster, written as Sluice apps: and appSets:, with a report on stderr of
        everything that did not translate and why.
`;
