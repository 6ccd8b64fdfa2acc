import * as z from "zod";
import { notificationSchema } from "./notification.ts";

/**
 * The body Sluice's signed webhook posts (format: sluice), and the `data` of its CloudEvents: the
 * notification and the message as rendered. Published beside it as notification-webhook.schema.json.
 */
export const notificationBodySchema = z.object({
  version: z.literal(1),
  notification: notificationSchema,
  message: z.object({ title: z.string(), text: z.string() }).strict(),
}).strict();

export type NotificationBody = z.infer<typeof notificationBodySchema>;

/** The JSON Schema (draft 2020-12) of the body, as receivers validate it. */
export const notificationBodyJsonSchema = (): Record<string, unknown> =>
  ({ title: "Sluice notification", ...z.toJSONSchema(notificationBodySchema, { io: "output" }) });
