import { z } from "@/lib/domain/zod";
import { route } from "@/lib/api/handler";
import { alertsAdmin } from "@/lib/api/route-presets";
import { loadAlertPolicyView } from "@/lib/db/alerts/alerts";
import { setAlertPolicy } from "@/lib/services/set-alert-policy";
import { alertPolicySaved, alertPolicyView } from "@/lib/api/responses/admin";

// The alert policies in force: the global one (defaults unless an admin stored one) and every
// signer's own (`signers` by id; `overrides` with names), plus the signers an admin may pick.
export const GET = route(
  alertsAdmin("The alert policies in force (global and per signer)", { 200: alertPolicyView }),
  async ({ db }) => loadAlertPolicyView(db),
);

const putBody = z.object({
  signerId: z.string().min(1).nullable().default(null),
  // checked field by field by the service, which words the errors for people
  policy: z.unknown(),
});

// Replace the global policy (signerId null) or one signer's own.
export const PUT = route(
  alertsAdmin("Replace the global alert policy or one signer's own", { 200: alertPolicySaved }, putBody),
  async ({ db, body, actor }) => setAlertPolicy(db, body, actor),
);
