import { z } from "zod";
import { route } from "@/lib/api/handler";
import { listSigners } from "@/lib/db/lists";

const listQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const GET = route({ permission: "inventory:read", tokenScopes: ["read"], query: listQuery }, async ({ db, user, query }) => {
  // tokens read the whole inventory; signed-in owners only their own signers
  const scopeUser = user ?? { role: "analyst" as const, personId: null };
  return listSigners(db, scopeUser, query);
});
