// A local osls plugin: `serverless package` on its own calls no AWS API, so a pipeline can
// package without credentials and deploy the folder later with other ones.
//
// Packaging makes one AWS call, in osls's layer compiler: CloudFormation DescribeStacks on
// the deployed stack, to point the template at the kubectl layer's earlier upload when the
// layer is unchanged. A standalone package skips only that lookup; its template then names
// the layer zip it carries, as on a first deploy, so deploying it publishes a new layer
// version. `serverless deploy`, which packages on its way with credentials, keeps the lookup.
export default class PackageOffline {
  constructor(serverless, _options, { log }) {
    this.hooks = {
      "before:package:compileLayers": () => {
        if (serverless.processedInput.commands.join(" ") !== "package") return;
        const compiler = serverless.pluginManager.plugins.find((p) => p.constructor.name === "AwsCompileLayers");
        if (typeof compiler?.compareWithLastLayer !== "function") {
          // Fail loudly rather than call AWS: a new osls moved the lookup this plugin skips.
          throw new serverless.classes.Error("infra/aws/package-offline.js: osls has no AwsCompileLayers.compareWithLastLayer to skip");
        }
        compiler.compareWithLastLayer = async () => log.info("Layers: not compared with a deployed stack (package only)");
      },
    };
  }
}
