import { Environment } from "@marcbachmann/cel-js";

/**
 * The one CEL environment for health checks, as Flux evaluates them: every top-level field of
 * the object (`metadata`, `spec`, `status`) is a variable, and `.?field` optional access works.
 * Config validation parses with it too, so what loads is what runs.
 */
export const celEnvironment = new Environment({
  unlistedVariablesAreDyn: true, enableOptionalTypes: true, homogeneousAggregateLiterals: false,
});
