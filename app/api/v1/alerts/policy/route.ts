import { z } from "zod";
import { route } from "@/lib/api/handler";
import { loadAlertPolicyView } from "@/lib/db/alerts/alerts";
import { setAlertPolicy } from "@/lib/services/set-alert-policy";

// The alert policies in force: the global one (defaults unless an admin stored one) and every
// signer's own (`signers` by id; `overrides` with names), plus the signers an admin may pick.
export const GET = route({ permission: "alerts:manage" }, async ({ db }) => loadAlertPolicyView(db));

const putBody = z.object({
  signerId: z.string().min(1).nullable().default(null),
  // checked field by field by the service, which words the errors for people
  policy: z.unknown(),
});

// Replace the global policy (signerId null) or one signer's own.
export const PUT = route({ permission: "alerts:manage", body: putBody }, async ({ db, body, actor }) =>
  setAlertPolicy(db, body, actor),
);
