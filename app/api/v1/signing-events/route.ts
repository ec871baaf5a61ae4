import { NextResponse } from "next/server";
import { z } from "@/lib/domain/zod";
import { notFound } from "@/lib/api/errors";
import { route } from "@/lib/api/handler";
import { inventoryRead, inventoryWrite } from "@/lib/api/route-presets";
import { isSignerVisible } from "@/lib/db/signers/detail";
import { listSigningEvents } from "@/lib/db/signing-events/signing-activity";
import { signingEventSchema } from "@/lib/domain/signing-event-input";
import { recordSigningEvent } from "@/lib/services/record-signing-event";
import { recordedSigningEvent, signingEventPage } from "@/lib/api/responses/inventory";

// POST: a pipeline reports a signature (token scope "signing-events" bound to its signer, or "ingest").
// GET ?signerId=…: the signer's activity timeline, newest first, paginated.

// An Idempotency-Key header (or eventId in the body) makes retries safe: the same key and report
// answer 200 with the event recorded the first time, the same key with another report 409.
export const POST = route(
  inventoryWrite(
    "Report a signature (Idempotency-Key makes retries safe)",
    ["signing-events", "ingest"],
    { 200: recordedSigningEvent, 201: recordedSigningEvent },
    signingEventSchema,
  ),
  async ({ req, db, actor, token, body }) => {
    const result = await recordSigningEvent(db, body, {
      actor,
      now: new Date(),
      token,
      idempotencyKey: req.headers.get("idempotency-key"),
    });
    return NextResponse.json(result, { status: result.isReplay ? 200 : 201 });
  },
);

const listQuery = z.object({
  signerId: z.string().min(1).max(100),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const GET = route(
  inventoryRead("A signer's signing activity, newest first", signingEventPage, listQuery),
  async ({ db, scope, query }) => {
    if (!(await isSignerVisible(db, scope, query.signerId))) throw notFound("Signer");
    return listSigningEvents(db, query.signerId, query);
  },
);
