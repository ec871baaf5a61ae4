import { permanentRedirect } from "next/navigation";
import { requirePageUser } from "@/lib/auth/guard";

// "People and teams" and "Owners" listed the same people; the one directory is /owners (issue 17).
// Old links and bookmarks keep working: the search and the status filter carry over.
export default async function PeopleRedirect({
  searchParams,
}: {
  searchParams: Promise<{ q?: string; status?: string }>;
}) {
  // signed-out visitors go to sign-in first, as on every page
  await requirePageUser("/people");
  const sp = await searchParams;
  const query = new URLSearchParams();
  if (typeof sp.q === "string" && sp.q) query.set("q", sp.q);
  if (sp.status === "active") query.set("active", "yes");
  if (sp.status === "left") query.set("active", "no");
  const qs = query.toString();
  permanentRedirect(qs ? `/owners?${qs}` : "/owners");
}
