import { z } from "@/lib/domain/zod";
import { AppError } from "@/lib/api/errors";
import { type Db, withTransaction } from "@/lib/db/client";
import { findUserByEmail } from "@/lib/db/users/users";
import type { Auth } from "@/lib/auth/auth";
import { ROLES } from "@/lib/domain/authz";
import { recordAudit, type Actor } from "./audit";

export const createUserInput = z.object({
  name: z.string().trim().min(1, "Enter a name").max(200),
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address")),
  role: z.enum(ROLES, { message: `Role must be one of ${ROLES.join(", ")}` }),
  password: z.string().min(12, "Use at least 12 characters").max(256),
});
export type CreateUserInput = z.infer<typeof createUserInput>;

export async function createUser(db: Db, auth: Auth, input: CreateUserInput, actor: Actor) {
  if (await findUserByEmail(db, input.email)) {
    throw new AppError("conflict", `A user with the email ${input.email} already exists`);
  }
  const { user } = await auth.api.createUser({
    body: { email: input.email, password: input.password, name: input.name, role: input.role },
  });
  await withTransaction(db, async (tx) =>
    recordAudit(tx, {
      actor,
      action: "user.created",
      targetType: "user",
      targetId: user.id,
      summary: `User ${input.email} created with role ${input.role}`,
      details: { role: input.role },
    }),
  );
  return { id: user.id };
}
