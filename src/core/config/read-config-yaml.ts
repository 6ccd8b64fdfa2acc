import { readYaml } from "../util/read-yaml.ts";
import { YamlSyntaxError } from "../util/yaml-syntax-error.ts";
import { ConfigError } from "./config-error.ts";

/** The one YAML document of a configuration; a syntax error is a `ConfigError` naming its line. */
export function readConfigYaml(text: string, source: string): unknown {
  try {
    const docs = readYaml(text);
    const second = docs[1];
    if (second !== undefined) throw new YamlSyntaxError(second.line, 1, "expected a single document in the stream, but found more");
    return docs[0]?.value;
  } catch (error) {
    if (!(error instanceof YamlSyntaxError)) throw error;
    throw new ConfigError(source, [{ path: `line ${error.line}, column ${error.column}`, message: error.reason }], { cause: error });
  }
}
