import type { LiveObject } from "../../adapters/kube/kube-client.ts";

// Written by the server on every change; never something git asks for.
const SERVER_METADATA = ["managedFields", "resourceVersion", "generation", "uid", "creationTimestamp", "selfLink"];

/**
 * The part of an object a diff compares: no status and no server bookkeeping. Server defaults need
 * no removing: both sides of a diff come from the server (live, and a dry-run apply), so both have them.
 */
export function normalizeObject(object: LiveObject): Record<string, unknown> {
  const { status: _status, metadata, ...rest } = structuredClone(object);
  const meta: Record<string, unknown> = { ...metadata };
  for (const field of SERVER_METADATA) delete meta[field];
  return { ...rest, metadata: meta };
}
