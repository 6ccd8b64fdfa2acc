import { KubernetesObjectApi, type KubeConfig } from "@kubernetes/client-node";

/** KubernetesObjectApi that also tells whether a kind is namespaced (from discovery, cached). */
export class ObjectApi extends KubernetesObjectApi {
  static forConfig(kc: KubeConfig): ObjectApi {
    return kc.makeApiClient(ObjectApi);
  }

  /** True, false, or undefined when the API server does not serve that kind. */
  async isNamespaced(apiVersion: string, kind: string): Promise<boolean | undefined> {
    return (await this.resource(apiVersion, kind))?.namespaced;
  }
}
