import { SNSClient } from "@aws-sdk/client-sns";
import type { NotificationProviderConfig } from "../../core/config/notifications-config.ts";
import type { HttpTransport } from "../http/http-transport.ts";
import type { SecretResolver } from "../secrets/secret-resolver.ts";
import { githubSender } from "./github-sender.ts";
import { gitlabSender } from "./gitlab-sender.ts";
import type { NotifySender } from "./notify-sender.ts";
import { signedWebhookSender } from "./signed-webhook-sender.ts";
import { slackSender } from "./slack-sender.ts";
import { snsSender } from "./sns-sender.ts";
import { teamsSender } from "./teams-sender.ts";

export interface SenderDeps {
  http: HttpTransport;
  secrets: Pick<SecretResolver, "resolve">;
  region: string;
  /** The SNS client for an endpoint (AWS's own when undefined); injectable for tests. */
  sns?: (endpoint: string | undefined) => Pick<SNSClient, "send">;
}

/** Every provider type, in one map: the sender for one configured provider, its secrets resolved. */
export async function senderFor(p: NotificationProviderConfig, deps: SenderDeps): Promise<NotifySender> {
  switch (p.type) {
    case "slack": return slackSender(p.name, await deps.secrets.resolve(p.url), deps.http);
    case "teams": return teamsSender(p.name, await deps.secrets.resolve(p.url), deps.http);
    case "webhook": {
      const [first] = p.secrets;
      if (!first) throw new Error(`${p.name}: no secret`); // the schema requires one; this keeps the type honest
      return signedWebhookSender(p.name, p.url, await deps.secrets.resolve(first), p.format, deps.http);
    }
    case "github": return githubSender({ ...p, provider: p.name, token: await deps.secrets.resolve(p.token) }, deps.http);
    case "gitlab": return gitlabSender({ ...p, provider: p.name, token: await deps.secrets.resolve(p.token) }, deps.http);
    case "sns": {
      const client = deps.sns?.(p.endpoint) ?? new SNSClient({ region: regionOf(p.topicArn) ?? deps.region, ...(p.endpoint ? { endpoint: p.endpoint } : {}) });
      return snsSender(p.name, p.topicArn, client);
    }
  }
}

/** arn:aws:sns:<region>:<account>:<topic> */
const regionOf = (arn: string): string | undefined => arn.split(":")[3] || undefined;
