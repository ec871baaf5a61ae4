import { NotFoundBody } from "@/components/layout/refusal-page";

// An address no route matches: shown without the signed-in frame, since nothing checked the session.
export default function NotFound() {
  return (
    <main id="main" className="px-4 py-6">
      <NotFoundBody />
    </main>
  );
}
