import { z } from "@/lib/domain/zod";
import { AppError } from "@/lib/api/errors";
import { type Db, withTransaction } from "@/lib/db/client";
import { createSetting, deleteSetting } from "@/lib/db/settings/settings";
import { countUsers } from "@/lib/db/users/users";
import type { Auth } from "@/lib/auth/auth";
import { recordAudit } from "./audit";

export const firstAdminInput = z.object({
  name: z.string().trim().min(1, "Enter your name").max(200),
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address")),
  password: z.string().min(12, "Use at least 12 characters").max(256),
});
export type FirstAdminInput = z.infer<typeof firstAdminInput>;

const SETUP_KEY = "setup.completed";

/**
 * Creates the first administrator on an empty database. The Setting row is inserted first under
 * a unique key, so two concurrent setup requests cannot both succeed.
 */
export async function createFirstAdmin(
  db: Db,
  auth: Auth,
  input: FirstAdminInput,
  options: { ip?: string | null } = {},
) {
  if ((await countUsers(db)) > 0) throw new AppError("conflict", "Signet is already set up: sign in instead");
  try {
    await createSetting(db, SETUP_KEY, { at: new Date().toISOString(), email: input.email });
  } catch {
    throw new AppError("conflict", "Signet is already set up: sign in instead");
  }
  try {
    const { user } = await auth.api.createUser({
      body: { email: input.email, password: input.password, name: input.name, role: "admin" },
    });
    await withTransaction(db, async (tx) =>
      recordAudit(tx, {
        actor: { type: "user", id: user.id, label: input.email },
        action: "setup.first-admin-created",
        targetType: "user",
        targetId: user.id,
        summary: `First administrator ${input.email} created`,
        ip: options.ip,
      }),
    );
    return { id: user.id, email: input.email };
  } catch (error) {
    // let a corrected second attempt through
    await deleteSetting(db, SETUP_KEY).catch(() => undefined);
    throw error;
  }
}

export async function isSetupComplete(db: Db) {
  return (await countUsers(db)) > 0;
}
