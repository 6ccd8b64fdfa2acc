import * as z from "zod";

/** A Kubernetes-style name: apps, clusters and namespaces. */
export const dnsLabel = z.string().regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, "must be a DNS label: lower-case letters, digits and '-', at most 63 characters");
