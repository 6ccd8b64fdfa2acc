/** A new tag (or digest) pushed to an image repository, whatever registry reported it. */
export interface ImagePushEvent {
  kind: "image-push";
  /** The provider that delivered it, e.g. `distribution`. */
  provider: string;
  /** Identifies the delivery across retries of the sender: the basis of deduplication. */
  eventId: string;
  repository: string;
  tag: string;
  digest?: string;
}

/** The one internal event type every provider parses its payloads into. */
export type InternalEvent = ImagePushEvent;
