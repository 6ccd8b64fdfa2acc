import { describe, expect, it } from "vitest";
import { jsonnetMessage } from "../../../../src/adapters/render/jsonnet-message.ts";

// go-jsonnet 0.22.0's own output (cmd/jsonnet compiled to wasm), for a parse and a runtime error.
const STATIC = 'apps/web/bad.jsonnet:1:11-12 Unexpected: ";" while parsing terminal\n\nlocal x = ;\n\n\n';
const RUNTIME = 'RUNTIME ERROR: Undefined external variable: region\n\tapps/web/main.jsonnet:3:44-64\tobject <anonymous>\n\tField "x"\t\n\tField "data"\t\n\tArray element 0\t\n\tDuring manifestation\t\n\n';

describe("jsonnetMessage", () => {
  it("keeps a static error's first line, which starts with file, line and column", () => {
    expect(jsonnetMessage(STATIC)).toBe('apps/web/bad.jsonnet:1:11-12 Unexpected: ";" while parsing terminal');
  });

  it("puts the innermost frame's file and line before a runtime error", () => {
    expect(jsonnetMessage(RUNTIME)).toBe("apps/web/main.jsonnet:3:44-64: RUNTIME ERROR: Undefined external variable: region");
  });

  it("keeps a runtime error with no frame as it is, and says so when there is no text", () => {
    expect(jsonnetMessage("RUNTIME ERROR: max stack frames exceeded.\n\tDuring evaluation\n")).toBe("RUNTIME ERROR: max stack frames exceeded.");
    expect(jsonnetMessage("\n")).toBe("jsonnet printed no error");
  });
});
