import { describe, expect, it } from "vitest";
import { fillListKeyDefaults } from "../../../../src/adapters/kube/fill-list-keys.ts";

describe("fillListKeyDefaults", () => {
  it("defaults Service port protocols and keeps explicit ones", () => {
    const service = { apiVersion: "v1", kind: "Service", metadata: { name: "web" }, spec: { ports: [{ port: 80 }, { port: 53, protocol: "UDP" }] } };

    const filled = fillListKeyDefaults(service);

    expect(filled["spec"]).toEqual({ ports: [{ port: 80, protocol: "TCP" }, { port: 53, protocol: "UDP" }] });
    expect(service.spec.ports[0]).toEqual({ port: 80 });
  });

  it("defaults container and init container ports in pod templates, CronJobs and Pods", () => {
    const podSpec = () => ({ containers: [{ name: "a", ports: [{ containerPort: 8080 }] }], initContainers: [{ name: "b", ports: [{ containerPort: 9000 }] }] });
    const deployment = fillListKeyDefaults({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "d" }, spec: { template: { spec: podSpec() } } });
    const cronJob = fillListKeyDefaults({ apiVersion: "batch/v1", kind: "CronJob", metadata: { name: "c" }, spec: { jobTemplate: { spec: { template: { spec: podSpec() } } } } });
    const pod = fillListKeyDefaults({ apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: podSpec() });

    const expected = { containers: [{ name: "a", ports: [{ containerPort: 8080, protocol: "TCP" }] }], initContainers: [{ name: "b", ports: [{ containerPort: 9000, protocol: "TCP" }] }] };
    expect((deployment["spec"] as { template: { spec: unknown } }).template.spec).toEqual(expected);
    expect((cronJob["spec"] as { jobTemplate: { spec: { template: { spec: unknown } } } }).jobTemplate.spec.template.spec).toEqual(expected);
    expect(pod["spec"]).toEqual(expected);
  });
});
