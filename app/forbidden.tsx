import { ForbiddenBody } from "@/components/layout/refusal-page";

// Refusals outside the signed-in frame. Nothing refuses there: every page refusal happens inside
// the frame (app/(app)/forbidden.tsx derives its reason), and the frame's own check cannot refuse,
// since every role holds FRAME_PERMISSION (lib/auth/page-access.test.ts). So this page reads no
// request data and gives the generic reason: deriving one here would make Next render the
// prerendered 404 page (/_not-found) on every request, since it renders this page with it.
export default function Forbidden() {
  return (
    <main id="main" className="px-4 py-6">
      <ForbiddenBody reason={null} />
    </main>
  );
}
