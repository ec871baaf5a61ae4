import { pageRefusal } from "@/lib/auth/guard";
import { ForbiddenBody } from "@/components/layout/refusal-page";

// A page refused inside the signed-in frame: the navigation stays, the page says why.
export default function Forbidden() {
  return <ForbiddenBody reason={pageRefusal().reason} />;
}
