// ESLint rule: inside src/, imports only go down the layers (runtime → jobs → engine → adapters → core),
// and nothing in src/ imports handlers/, test/ or bench/. `npm test` runs it through `npm run lint`.
import { dirname, relative, resolve, sep } from "node:path";

export const LAYERS = ["core", "adapters", "engine", "jobs", "runtime"];
const ORDER = "runtime → jobs → engine → adapters → core";

/** The layer of a path under src/, or undefined outside it; "outside" for paths out of src/. */
function layerOf(srcDir, path) {
  const rel = relative(srcDir, path);
  if (rel.startsWith("..")) return "outside";
  return rel.split(sep)[0];
}

export const layersRule = {
  meta: {
    type: "problem",
    docs: { description: "imports in src/ go down the layers only" },
    messages: {
      upward: "{{from}} is in layer {{fromLayer}} and imports {{to}} in layer {{toLayer}}: imports go down only ({{order}})",
      outside: "{{from}} imports {{to}}, outside src/: the core must not depend on handlers/, test/ or bench/",
      unknown: "{{from}} is in src/{{fromLayer}}, which is no layer; put it in one of: {{layers}}",
    },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const srcDir = resolve(context.cwd, "src");
    const fromLayer = layerOf(srcDir, file);
    if (fromLayer === "outside") return {};
    const fromRank = LAYERS.indexOf(fromLayer);
    const check = (node) => {
      const spec = node.source?.value;
      if (typeof spec !== "string" || !spec.startsWith(".")) return;
      const target = resolve(dirname(file), spec);
      const toLayer = layerOf(srcDir, target);
      const data = { from: relative(context.cwd, file), to: relative(context.cwd, target), fromLayer, toLayer, order: ORDER, layers: LAYERS.join(", ") };
      if (fromRank < 0) return context.report({ node, messageId: "unknown", data });
      if (toLayer === "outside") return context.report({ node, messageId: "outside", data });
      if (LAYERS.indexOf(toLayer) > fromRank) context.report({ node, messageId: "upward", data });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

export default { rules: { layers: layersRule } };
