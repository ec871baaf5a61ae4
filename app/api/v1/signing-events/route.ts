import { NextResponse } from "next/server";
import { z } from "zod";
import { notFound } from "@/lib/api/errors";
import { route } from "@/lib/api/handler";
import { isSignerVisible } from "@/lib/db/signer-detail";
import { listSigningEvents } from "@/lib/db/signing-activity";
import { signingEventSchema } from "@/lib/domain/signing-event-input";
import { recordSigningEvent } from "@/lib/services/record-signing-event";

// POST: a pipeline reports a signature (token scope "signing-events" bound to its signer, or "ingest").
// GET ?signerId=…: the signer's activity timeline, newest first, paginated.

export const POST = route({ permission: "inventory:write", tokenScopes: ["signing-events", "ingest"], body: signingEventSchema }, async ({ db, actor, token, body }) => {
  const result = await recordSigningEvent(db, body, { actor, now: new Date(), token });
  return NextResponse.json(result, { status: 201 });
});

const listQuery = z.object({
  signerId: z.string().min(1).max(100),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const GET = route({ permission: "inventory:read", tokenScopes: ["read"], query: listQuery }, async ({ db, user, query }) => {
  if (!(await isSignerVisible(db, user ?? { role: "analyst", personId: null }, query.signerId))) throw notFound("Signer");
  return listSigningEvents(db, query.signerId, query);
});
