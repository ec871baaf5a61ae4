import type { Rule } from "eslint";

export function resolveSpecifier(specifier: string, filename: string, root?: string): string;
declare const rule: Rule.RuleModule;
export default rule;
