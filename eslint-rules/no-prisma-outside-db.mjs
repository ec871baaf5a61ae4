// Only lib/db touches Prisma. An import rule cannot see a client that arrives as a parameter
// (`db: Db` in a service, `ctx.db` in a route), so this rule asks the type checker instead: any
// member access whose property is declared by the generated Prisma client (the client's `$…`
// methods, the model delegates and their `findMany`/`update`/…) is a Prisma call (fields of the rows
// a query returns are declared there too, but they are data, not calls), whatever the
// variable is called. Passing the client on to lib/db is fine; calling it is not.

const GENERATED = "/lib/db/generated/";

const inGenerated = (d) => d.getSourceFile().fileName.replaceAll("\\", "/").includes(GENERATED);
// The client and its delegates, not the rows they return: `signer.name` on a query result is data.
const isClientOrDelegate = (name) => /^(PrismaClient|TransactionClient)$|Delegate$/.test(name ?? "");
const ownerName = (declaration) => declaration.parent?.name?.text;

/** A member of the Prisma client (`$transaction`, `db.signer`) or of a model delegate (`findMany`). */
const declaredByClient = (symbol) =>
  (symbol?.declarations ?? []).some((d) => inGenerated(d) && isClientOrDelegate(ownerName(d)));
/** A type that is the client or a delegate itself (for `db[model]`). */
const isClientType = (symbol) =>
  (symbol?.declarations ?? []).some((d) => inGenerated(d) && isClientOrDelegate(symbol.name));

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
      if (symbol) return declaredByClient(symbol);
      // db[model] and the like: judge by the receiver's type
      const type = checker.getTypeAtLocation(services.esTreeNodeToTSNodeMap.get(node.object));
      return isClientType(type.getSymbol()) || isClientType(type.aliasSymbol);
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
