import { posix } from "node:path";
import type { AppConfig } from "../config/app-config.ts";

/** The repo-relative Chart.yaml of an app's git chart: the one at its source path. */
export const chartFileOf = (app: AppConfig): string => posix.join(posix.normalize(app.source.path), "Chart.yaml");
