import * as z from "zod";
import type { ImagePushEvent } from "../../core/events/internal-event.ts";
import { normalizeRepository } from "../../core/images/normalize-repository.ts";
import type { IntakeDeps } from "./handle-webhook.ts";
import { validDigest } from "../../core/images/digest.ts";
import { queueDelivery, type DeliveryOutcome } from "./queue-delivery.ts";

/** Amazon ECR's "ECR Image Action" event, as an EventBridge rule delivers it. */
const ecrEventSchema = z.object({
  id: z.string().min(1),
  "detail-type": z.literal("ECR Image Action"),
  source: z.literal("aws.ecr"),
  account: z.string().regex(/^\d{12}$/),
  region: z.string().regex(/^[a-z0-9-]+$/),
  detail: z.object({
    result: z.string(),
    "action-type": z.string(),
    "repository-name": z.string().min(1),
    "image-tag": z.string().optional(),
    "image-digest": z.string().optional(),
  }),
});

export type EcrOutcome = ({ status: "queued" | "ignored" } & DeliveryOutcome) | { status: "off" | "refused"; reason: string };

/**
 * Turns an ECR push event into image jobs. It never throws on a bad or unwanted event
 * (EventBridge would retry it for nothing); it throws QueueUnavailableError when the queue
 * cannot take the jobs, so the invocation is retried.
 */
export async function handleEcrEvent(input: unknown, deps: IntakeDeps): Promise<EcrOutcome> {
  const settings = deps.config.webhooks.ecr;
  if (!settings) {
    deps.logger.warn("ECR event refused", { reason: "webhooks.ecr is not set: ECR events are off" });
    return { status: "off", reason: "webhooks.ecr is not set: ECR events are off" };
  }
  const parsed = ecrEventSchema.safeParse(input);
  if (!parsed.success) {
    const reason = `not an ECR Image Action event: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join(".") || "(event)"}: ${i.message}`).join("; ")}`;
    deps.logger.warn("ECR event refused", { reason });
    return { status: "refused", reason };
  }
  const event = parsed.data;
  if (settings.accounts && !settings.accounts.includes(event.account)) {
    const reason = `account ${event.account} is not in webhooks.ecr.accounts`;
    deps.logger.warn("ECR event refused", { deliveryId: event.id, reason });
    return { status: "refused", reason };
  }
  const { detail } = event;
  const ignored: string[] = [];
  const events: ImagePushEvent[] = [];
  // ECR's registry host; China regions live under amazonaws.com.cn.
  const host = `${event.account}.dkr.ecr.${event.region}.amazonaws.com${event.region.startsWith("cn-") ? ".cn" : ""}`;
  const repository = normalizeRepository(`${host}/${detail["repository-name"]}`);
  if (detail["action-type"] !== "PUSH" || detail.result !== "SUCCESS") {
    ignored.push(`${detail["action-type"]} ${detail.result} for ${repository}: only successful pushes deploy`);
  } else if (!detail["image-tag"]) {
    ignored.push(`push to ${repository} without a tag: not an image tag push`);
  } else {
    const digest = validDigest(detail["image-digest"]);
    events.push({ kind: "image-push", provider: "ecr", eventId: event.id, repository, tag: detail["image-tag"], ...(digest ? { digest } : {}) });
  }
  const outcome = await queueDelivery("ecr", { deliveryId: event.id, events, ignored }, deps);
  return { status: outcome.jobs.length > 0 ? "queued" : "ignored", ...outcome };
}
