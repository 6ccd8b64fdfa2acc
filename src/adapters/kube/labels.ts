/** Label on every object Sluice applies. */
export const MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
export const MANAGED_BY = "sluice";
/** Annotation naming the app an object belongs to; prune only ever touches its own app's objects. */
export const APP_ANNOTATION = "sluice.dev/app";
/** Field manager for server-side apply. */
export const FIELD_MANAGER = "sluice";
/** Namespace holding each app's record. */
export const RECORD_NAMESPACE = "sluice-system";
/** Label on record ConfigMaps, so `sluice status` lists them with one request. */
export const RECORD_LABEL = "sluice.dev/record";
