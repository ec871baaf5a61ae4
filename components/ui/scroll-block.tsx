import type { ComponentProps } from "react";

/**
 * Preformatted text (a JSON document, an email's text, a file example) in a box that scrolls. The box
 * takes the keyboard focus, so its overflow can be reached without a mouse (axe: scrollable-region-focusable).
 */
export function ScrollBlock({ className = "", ...props }: ComponentProps<"pre">) {
  return <pre tabIndex={0} {...props} className={`overflow-auto rounded bg-slate-50 text-xs ${className}`} />;
}
