import { Logger as PowertoolsLogger } from "@aws-lambda-powertools/logger";
import type { Logger } from "./logger.ts";

/** Sluice's Logger on Powertools: one JSON line per entry, the same in Lambda and locally. */
export function structuredLogger(serviceName = "sluice"): Logger {
  const log = new PowertoolsLogger({ serviceName });
  return {
    debug: (message, fields) => (fields ? log.debug(message, fields) : log.debug(message)),
    info: (message, fields) => (fields ? log.info(message, fields) : log.info(message)),
    warn: (message, fields) => (fields ? log.warn(message, fields) : log.warn(message)),
    error: (message, fields) => (fields ? log.error(message, fields) : log.error(message)),
  };
}
