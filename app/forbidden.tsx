import { pageRefusal } from "@/lib/auth/guard";
import { ForbiddenBody } from "@/components/layout/refusal-page";

// Refusals outside the signed-in frame (none today; every page refusal happens inside it).
export default function Forbidden() {
  return (
    <main id="main" className="px-4 py-6">
      <ForbiddenBody reason={pageRefusal().reason} />
    </main>
  );
}
