// The tests use the same embedded SQS (fauxqs on 127.0.0.1) as the local runtime.
export * from "../../src/runtime/local/embedded-sqs.ts";
