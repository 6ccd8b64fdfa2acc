import type { LiveObject } from "../../adapters/kube/kube-client.ts";
import type { ObjectRef } from "../../adapters/kube/object-ref.ts";

/** A rendered object ready to apply: labelled, annotated, placed in its namespace, list keys filled. */
export interface PreparedObject {
  object: LiveObject;
  ref: ObjectRef;
  /** inventoryKey of ref. */
  key: string;
  /** Its kind is defined by a CRD in the same sync, so the server cannot dry-run it yet. */
  definedInSync: boolean;
}
