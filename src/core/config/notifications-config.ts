import * as z from "zod";
import { DEFAULT_TRIGGERS, TRIGGERS } from "../notify/notification.ts";
import { secretRefSchema } from "./secret-ref.ts";

const name = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "a provider name: lower-case letters, digits and dashes");
const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });

/** Each provider is one `type`; URLs that carry a token (Slack's, Teams') are secrets, not config. */
const providerSchema = z.discriminatedUnion("type", [
  z.object({ name, type: z.literal("slack"), url: secretRefSchema }).strict(),
  z.object({ name, type: z.literal("teams"), url: secretRefSchema }).strict(),
  z.object({
    name, type: z.literal("webhook"), url: httpUrl,
    /** HMAC-SHA256 keys; the first signs. Several, to rotate as the receiver lists the new one. */
    secrets: z.array(secretRefSchema).min(1, "a signed webhook needs a secret"),
    /** sluice: Sluice's own JSON; cloudevents: a CloudEvents 1.0 structured event around it. */
    format: z.enum(["sluice", "cloudevents"]).default("sluice"),
  }).strict(),
  z.object({
    name, type: z.literal("github"), token: secretRefSchema,
    apiUrl: httpUrl.default("https://api.github.com"),
    /** owner/name; the app's source repository when absent. */
    repository: z.string().regex(/^[^/\s]+\/[^/\s]+$/).optional(),
    statuses: z.boolean().default(true),
    deployments: z.boolean().default(true),
  }).strict(),
  z.object({
    name, type: z.literal("gitlab"), token: secretRefSchema,
    apiUrl: httpUrl.default("https://gitlab.com/api/v4"),
    /** The project's path or id; the app's source repository when absent. */
    project: z.string().min(1).optional(),
  }).strict(),
  z.object({
    name, type: z.literal("sns"),
    topicArn: z.string().regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]+(\.fifo)?$/, "an SNS topic ARN"),
    /** An SNS-compatible endpoint (a VPC endpoint, a test server); AWS's own when absent. */
    endpoint: httpUrl.optional(),
  }).strict(),
], { error: "type must be slack, teams, webhook, github, gitlab or sns" });

/** Which apps' events reach which providers: apps, app sets and labels select; none selects every app. */
const subscriptionSchema = z.object({
  providers: z.array(name).min(1),
  triggers: z.array(z.enum(TRIGGERS)).min(1).default([...DEFAULT_TRIGGERS]),
  apps: z.array(z.string().min(1)).optional(),
  appSets: z.array(z.string().min(1)).optional(),
  labels: z.record(z.string(), z.string()).optional(),
}).strict();

/** A message's title and text with `{{field}}` placeholders (see the README for the fields). */
const templateSchema = z.object({ title: z.string().min(1).optional(), text: z.string().min(1).optional() }).strict();

export const notificationsConfigSchema = z.object({
  /** A link to the app's page; `{{app}}` is replaced. */
  dashboardUrl: z.string().min(1).optional(),
  providers: z.array(providerSchema).default([]),
  subscriptions: z.array(subscriptionSchema).default([]),
  templates: z.partialRecord(z.enum(TRIGGERS), templateSchema).default({}),
  /** Tries of one delivery, counting the first, before it goes back to the queue (which dead-letters after its own). */
  attempts: z.number().int().min(1).max(10).default(3),
}).strict().superRefine((config, ctx) => {
  const names = new Set<string>();
  config.providers.forEach((p, i) => {
    if (names.has(p.name)) ctx.addIssue({ code: "custom", path: ["providers", i, "name"], message: `duplicate provider "${p.name}"` });
    names.add(p.name);
  });
  config.subscriptions.forEach((s, i) => s.providers.forEach((p, j) => {
    if (!names.has(p)) ctx.addIssue({ code: "custom", path: ["subscriptions", i, "providers", j], message: `no provider named "${p}"` });
  }));
});

export type NotificationsConfig = z.infer<typeof notificationsConfigSchema>;
export type NotificationProviderConfig = NotificationsConfig["providers"][number];
export type NotificationSubscription = NotificationsConfig["subscriptions"][number];
