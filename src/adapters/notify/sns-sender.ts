import { PublishCommand, type SNSClient } from "@aws-sdk/client-sns";
import { AdapterError } from "../../core/errors/adapter-error.ts";
import { retryForStatus } from "../../core/errors/retry-for-status.ts";
import type { NotifySender } from "./notify-sender.ts";

// SNS's limits: an e-mail subject of 100 characters, one SMS message of 140 bytes is one part.
const SUBJECT_MAX = 100;
const SMS_MAX = 140;

/**
 * Amazon SNS: one Publish to the topic with a message per protocol (MessageStructure json): e-mail gets
 * the title as subject and every fact, SMS the title alone, anything else (HTTP, SQS, Lambda
 * subscribers) the notification's JSON. A FIFO topic deduplicates on the notification's id.
 */
export function snsSender(provider: string, topicArn: string, client: Pick<SNSClient, "send">): NotifySender {
  return async (n, m) => {
    const email = [m.text, "", ...m.facts.map((f) => `${f.label}: ${f.value}`), "", ...m.links.map((l) => `${l.label}: ${l.url}`)].join("\n");
    const message = { default: JSON.stringify(n), email, sms: m.title.slice(0, SMS_MAX) };
    const fifo = topicArn.endsWith(".fifo") ? { MessageGroupId: n.app, MessageDeduplicationId: n.id } : {};
    try {
      await client.send(new PublishCommand({
        TopicArn: topicArn, Subject: subject(m.title), MessageStructure: "json", Message: JSON.stringify(message), ...fifo,
        MessageAttributes: { trigger: { DataType: "String", StringValue: n.trigger }, app: { DataType: "String", StringValue: n.app } },
      }));
    } catch (error) {
      const status = statusOf(error);
      throw new AdapterError(`${provider}: SNS Publish failed: ${error instanceof Error ? error.message : String(error)}`, {
        endpoint: `notify:${provider}`, retry: status === undefined ? "later" : retryForStatus(status), cause: error,
      });
    }
  };
}

/** SNS subjects are ASCII without line breaks, at most 100 characters. */
function subject(title: string): string {
  return title.replace(/→/g, "->").replace(/[^\x20-\x7e]/g, "?").slice(0, SUBJECT_MAX);
}

function statusOf(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null || !("$metadata" in error)) return undefined;
  const meta = error.$metadata;
  return typeof meta === "object" && meta !== null && "httpStatusCode" in meta && typeof meta.httpStatusCode === "number" ? meta.httpStatusCode : undefined;
}
