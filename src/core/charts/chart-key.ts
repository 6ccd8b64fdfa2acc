/**
 * How a chart is named where images are named by repository (the record's `written` and `holds`,
 * job payloads): `<repo>/<name>`, e.g. `oci://ghcr.io/acme/charts/db` or
 * `https://charts.example.com/ingress-nginx`. The scheme keeps it apart from every image repository.
 */
export const chartKey = (repo: string, name: string): string => `${repo.replace(/\/+$/, "")}/${name}`;
