/** A DNS label made from a name Argo CD or Flux allows (dots, capitals, up to 253 characters). */
export function dnsLabelFrom(name: string): string {
  // An app set's template names its apps with {{variables}}; they are filled in, and checked, per app.
  if (name.includes("{{")) return name;
  const label = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 63)
    .replace(/-+$/, "");
  return label || "app";
}
