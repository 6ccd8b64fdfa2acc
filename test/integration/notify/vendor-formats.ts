// The vendors' documented request formats as schemas, to check what Sluice sends against:
// Slack Block Kit (api.slack.com/reference/block-kit/blocks, composition objects, block elements),
// Adaptive Cards 1.4 (adaptivecards.io/explorer) in a Teams workflow message, CloudEvents 1.0
// (github.com/cloudevents/spec, JSON format), GitHub's statuses and deployments and GitLab's statuses,
// environments and deployments REST APIs.
import * as z from "zod";

const plainText = (max: number) => z.object({ type: z.literal("plain_text"), text: z.string().min(1).max(max), emoji: z.boolean().optional() }).strict();
const mrkdwn = (max: number) => z.object({ type: z.literal("mrkdwn"), text: z.string().min(1).max(max) }).strict();

const slackBlock = z.discriminatedUnion("type", [
  z.object({ type: z.literal("header"), text: plainText(150) }).strict(),
  z.object({ type: z.literal("section"), text: mrkdwn(3000).optional(), fields: z.array(mrkdwn(2000)).min(1).max(10).optional() }).strict()
    .refine((s) => s.text !== undefined || s.fields !== undefined, "a section needs text or fields"),
  z.object({
    type: z.literal("actions"),
    elements: z.array(z.object({ type: z.literal("button"), action_id: z.string().max(255), text: plainText(75), url: z.url().max(3000) }).strict()).min(1).max(25),
  }).strict(),
  z.object({ type: z.literal("context"), elements: z.array(mrkdwn(3000)).min(1).max(10) }).strict(),
]);

/** An incoming webhook's message: fallback text and at most 50 blocks. */
export const slackMessageSchema = z.object({ text: z.string().min(1), blocks: z.array(slackBlock).min(1).max(50) }).strict();

const cardElement = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("TextBlock"), text: z.string().min(1), wrap: z.boolean().optional(),
    weight: z.enum(["Default", "Lighter", "Bolder"]).optional(), size: z.enum(["Default", "Small", "Medium", "Large", "ExtraLarge"]).optional(),
    color: z.enum(["Default", "Dark", "Light", "Accent", "Good", "Warning", "Attention"]).optional(),
  }).strict(),
  z.object({ type: z.literal("FactSet"), facts: z.array(z.object({ title: z.string(), value: z.string() }).strict()) }).strict(),
]);

/** A Teams workflow webhook's body: a message with one Adaptive Card attachment. */
export const teamsMessageSchema = z.object({
  type: z.literal("message"),
  attachments: z.array(z.object({
    contentType: z.literal("application/vnd.microsoft.card.adaptive"),
    contentUrl: z.null(),
    content: z.object({
      $schema: z.literal("http://adaptivecards.io/schemas/adaptive-card.json"),
      type: z.literal("AdaptiveCard"),
      version: z.string().regex(/^1\.[0-5]$/),
      body: z.array(cardElement).min(1),
      actions: z.array(z.object({ type: z.literal("Action.OpenUrl"), title: z.string().min(1), url: z.url() }).strict()),
    }).strict(),
  }).strict()).length(1),
}).strict();

/** CloudEvents 1.0 structured mode: the required attributes, and what Sluice sets of the optional ones. */
export const cloudEventSchema = z.object({
  specversion: z.literal("1.0"), id: z.string().min(1), source: z.string().min(1), type: z.string().min(1),
  subject: z.string().optional(), time: z.iso.datetime().optional(), datacontenttype: z.literal("application/json"), data: z.unknown(),
}).strict();

export const githubStatusSchema = z.object({
  state: z.enum(["error", "failure", "pending", "success"]), context: z.string().min(1),
  description: z.string().max(140).optional(), target_url: z.url().optional(),
}).strict();

export const githubDeploymentSchema = z.object({
  ref: z.string().min(1), environment: z.string().min(1), description: z.string().max(140).optional(),
  auto_merge: z.literal(false), required_contexts: z.array(z.string()).length(0), payload: z.record(z.string(), z.unknown()),
}).strict();

export const githubDeploymentStatusSchema = z.object({
  state: z.enum(["error", "failure", "inactive", "in_progress", "queued", "pending", "success"]),
  environment: z.string().min(1), description: z.string().max(140).optional(), log_url: z.url().optional(), auto_inactive: z.boolean().optional(),
}).strict();

export const gitlabStatusSchema = z.object({
  state: z.enum(["pending", "running", "success", "failed", "canceled", "skipped"]), name: z.string().min(1),
  description: z.string().max(255).optional(), ref: z.string().optional(), target_url: z.url().optional(),
}).strict();

export const gitlabEnvironmentSchema = z.object({ name: z.string().min(1), external_url: z.url().optional() }).strict();

export const gitlabDeploymentSchema = z.object({
  environment: z.string().min(1), sha: z.string().regex(/^[0-9a-f]{40}$/), ref: z.string().min(1), tag: z.boolean(),
  status: z.enum(["running", "success", "failed", "canceled"]),
}).strict();
