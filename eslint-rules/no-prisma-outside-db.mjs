// Only lib/db touches Prisma. An import rule cannot see a client that arrives as a parameter
// (`db: Db` in a service, `ctx.db` in a route), so this rule asks the type checker instead: any
// member access whose property is declared by the generated Prisma client (the client's `$…`
// methods, the model delegates and their `findMany`/`update`/…) is a Prisma call, whatever the
// variable is called. Passing the client on to lib/db is fine; calling it is not.

const GENERATED = "/lib/db/generated/";

const declaredInGenerated = (symbol) =>
  (symbol?.declarations ?? []).some((d) => d.getSourceFile().fileName.replaceAll("\\", "/").includes(GENERATED));

/** @type {import("eslint").Rule.RuleModule} */
export default {
  meta: {
    type: "problem",
    docs: { description: "Prisma client and model calls belong in lib/db (docs/CONVENTIONS.md, Boundaries)" },
    messages: {
      prismaCall:
        "`{{text}}` calls the Prisma client outside lib/db: add or use a repository function in lib/db and call that instead.",
    },
    schema: [],
  },
  create(context) {
    const services = context.sourceCode.parserServices;
    if (!services?.program) throw new Error("signet/no-prisma-outside-db needs type information (parserOptions.projectService)");
    const checker = services.program.getTypeChecker();

    const isPrismaMember = (node) => {
      if (node.type !== "MemberExpression") return false;
      const tsNode = services.esTreeNodeToTSNodeMap.get(node.computed ? node : node.property);
      const symbol = node.computed ? undefined : checker.getSymbolAtLocation(tsNode);
      if (symbol) return declaredInGenerated(symbol);
      // db[model] and the like: judge by the receiver's type
      const type = checker.getTypeAtLocation(services.esTreeNodeToTSNodeMap.get(node.object));
      return declaredInGenerated(type.getSymbol()) || declaredInGenerated(type.aliasSymbol);
    };

    return {
      MemberExpression(node) {
        // one report per chain: `db.signer.findMany()` is reported once, at `db.signer`
        if (isPrismaMember(node.object)) return;
        if (!isPrismaMember(node)) return;
        context.report({ node, messageId: "prismaCall", data: { text: context.sourceCode.getText(node) } });
      },
    };
  },
};
