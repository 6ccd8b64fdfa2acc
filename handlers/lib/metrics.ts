import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";

/** The part of Powertools' Metrics the edges use; tests pass a recorder. */
export interface MetricsSink {
  addMetric(name: string, unit: (typeof MetricUnit)[keyof typeof MetricUnit], value: number): unknown;
  publishStoredMetrics(): unknown;
}

/** CloudWatch metrics (embedded metric format, written to the function's log) in namespace Sluice. */
export function lambdaMetrics(fn: string): MetricsSink {
  return new Metrics({ namespace: "Sluice", serviceName: "sluice", defaultDimensions: { function: fn } });
}

export { MetricUnit };
