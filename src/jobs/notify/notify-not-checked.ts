import type { AppConfig } from "../../core/config/app-config.ts";
import type { Notification } from "../../core/notify/notification.ts";
import { notificationId } from "../../engine/notify/notification-id.ts";
import { baseFor, type NotifyDeps } from "./notify-deps.ts";

/**
 * Apps the sweep could not check (a cluster, registry or git host that did not answer), said once when
 * an app becomes unknown, not at every sweep while it stays so: `before` is the last sweep's unknown apps.
 */
export async function notifyNotChecked(
  unknown: readonly { app: string; reason: string }[], before: Readonly<Record<string, string>>,
  apps: readonly AppConfig[], sweepId: string, deps: NotifyDeps,
): Promise<void> {
  if (!deps.notifications) return;
  const out: Notification[] = [];
  for (const u of unknown) {
    const app = apps.find((a) => a.name === u.app);
    if (!app || before[u.app] !== undefined) continue;
    const base = await baseFor(app, { trigger: "sweep", deliveryId: sweepId }, deps);
    out.push({ id: notificationId(app.name, "", "on-not-checked", sweepId), trigger: "on-not-checked", ...base, images: [], error: u.reason });
  }
  await deps.notifications.emit(out);
}
