import { refusalOfThisRequest } from "@/lib/auth/guard";
import { ForbiddenBody } from "@/components/layout/refusal-page";

// A page refused inside the signed-in frame: the navigation stays, the page says why. Next renders
// this alongside the page, so the reason is derived from the request (user and path), not handed over.
export default async function Forbidden() {
  return <ForbiddenBody reason={await refusalOfThisRequest()} />;
}
