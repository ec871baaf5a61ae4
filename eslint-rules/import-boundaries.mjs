import path from "node:path";

// Import boundaries judged on the resolved path, so `@/lib/db/x`, `../db/x` and `./generated/x`
// are the same import. Options (one set per zone, given in eslint.config.mjs by `files`):
//   forbid: what files of the zone may not import; allow: if given, the only things they may import.
//   reason: why, shown in the message.
// Entries are repository paths ("lib/db", "app") or package names ("pg", "@prisma", "node:fs");
// an entry covers everything below it ("lib/db" covers "lib/db/client", "fs" covers "fs/promises").
// Type-only imports count: a boundary is about what a module may know, not only what it runs.

const ROOT = path.resolve(import.meta.dirname, "..");

/** The import as a repository path ("lib/db/client") or a package name ("fs", "@prisma/client"). */
export function resolveSpecifier(specifier, filename, root = ROOT) {
  if (specifier.startsWith("@/")) return path.posix.normalize(specifier.slice(2));
  if (specifier.startsWith("./") || specifier.startsWith("../")) {
    const absolute = path.resolve(path.dirname(filename), specifier);
    return path.relative(root, absolute).split(path.sep).join("/");
  }
  return specifier.startsWith("node:") ? specifier.slice(5) : specifier;
}

const normalizeEntry = (entry) => entry.replace(/^node:/, "").replace(/\/\*\*?$/, "");
const covers = (entry, target) => target === entry || target.startsWith(`${entry}/`);

const zoneSchema = {
  type: "object",
  properties: {
    forbid: { type: "array", items: { type: "string" } },
    allow: { type: "array", items: { type: "string" } },
    reason: { type: "string" },
  },
  additionalProperties: false,
};

/** @type {import("eslint").Rule.RuleModule} */
export default {
  meta: {
    type: "problem",
    docs: { description: "Keeps the layer boundaries of docs/CONVENTIONS.md (resolved paths, aliases included)" },
    messages: { boundary: "`{{specifier}}` may not be imported here: {{reason}}" },
    schema: [zoneSchema],
  },
  create(context) {
    const { forbid = [], allow, reason = "it crosses a layer boundary" } = context.options[0] ?? {};
    const forbidden = forbid.map(normalizeEntry);
    const allowed = allow?.map(normalizeEntry);
    const check = (source) => {
      if (source?.type !== "Literal" || typeof source.value !== "string") return;
      const target = resolveSpecifier(source.value, context.filename);
      const isRefused = forbidden.some((e) => covers(e, target)) || (allowed !== undefined && !allowed.some((e) => covers(e, target)));
      if (isRefused) context.report({ node: source, messageId: "boundary", data: { specifier: source.value, reason } });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      TSImportType: (node) => check(node.argument?.type === "TSLiteralType" ? node.argument.literal : node.argument),
    };
  },
};
