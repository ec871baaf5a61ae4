import { connection } from "next/server";
import { NotFoundBody } from "@/components/layout/refusal-page";

// An address no route matches: shown without the signed-in frame, since nothing checked the session.
// Rendered per request, not prerendered: the Content-Security-Policy's nonce is new on every request
// (proxy.ts), and a prerendered page's scripts carry none, so the browser refused them all and the
// page never hydrated (from the second unknown address a server had answered on).
export default async function NotFound() {
  await connection();
  return (
    <main id="main" className="px-4 py-6">
      <NotFoundBody />
    </main>
  );
}
