import { refusalOfThisRequest } from "@/lib/auth/guard";
import { ForbiddenBody } from "@/components/layout/refusal-page";

// Refusals outside the signed-in frame: only the frame's own check (app/(app)/layout.tsx) lands
// here today. The reason is derived from the request as inside the frame.
export default async function Forbidden() {
  return (
    <main id="main" className="px-4 py-6">
      <ForbiddenBody reason={await refusalOfThisRequest()} />
    </main>
  );
}
