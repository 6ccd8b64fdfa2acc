// Registry pushes for the fault suite: each app's tags go up (1.0.1, 1.0.2, …) so the newest pushed
// is the highest a semver policy allows; `newest` is what every app must end at.
import { pushImage } from "../harness/push-image.ts";
import type { ChaosApp } from "./chaos-config.ts";

export class Pushes {
  readonly newest = new Map<string, string>();
  private readonly count = new Map<string, number>();
  /** Where the next round of pushes starts among the apps, so small rounds reach every app in turn. */
  private cursor = 0;
  total = 0;

  constructor(private readonly registryUrl: string, private readonly apps: readonly ChaosApp[]) {}

  /** `events` pushes spread over the apps (in a shuffled order), `parallel` at a time. */
  async push(events: number, parallel = 4, random = Math.random): Promise<void> {
    const order = Array.from({ length: events }, (_, i) => this.apps[(this.cursor + i) % this.apps.length]).sort(() => random() - 0.5);
    this.cursor = (this.cursor + events) % this.apps.length;
    const next = async (): Promise<void> => {
      for (let app = order.shift(); app; app = order.shift()) {
        const n = (this.count.get(app.name) ?? 0) + 1;
        this.count.set(app.name, n);
        const tag = `1.0.${n}`;
        await pushImage(this.registryUrl, app.image, tag);
        // Pushed in order per app, but two pushes of one app may finish out of order.
        const held = this.newest.get(app.name);
        if (!held || Number(held.split(".")[2]) < n) this.newest.set(app.name, tag);
        this.total += 1;
      }
    };
    await Promise.all(Array.from({ length: parallel }, next));
  }
}
