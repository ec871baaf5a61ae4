import { betterAuth } from "better-auth";
import { hashPassword, verifyPassword } from "better-auth/crypto";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { admin, genericOAuth } from "better-auth/plugins";
import { createAccessControl } from "better-auth/plugins/access";
import { adminAc, defaultStatements } from "better-auth/plugins/admin/access";
import { getConfig } from "@/lib/config";
import { currentFlavour, getDb, getRawDb, withTransaction } from "@/lib/db/client";
import { recordAudit } from "@/lib/services/audit";
import { findUserEmail, linkUserToPerson } from "@/lib/db/users/users";
import { AppError } from "@/lib/api/errors";
import { passwordProblem } from "@/lib/domain/password-policy";
import { readGroups } from "@/lib/domain/sso-roles";
import { applySignInRole } from "@/lib/services/apply-sign-in-role";
import { reportError } from "@/lib/api/errors";
import { forwardedClientIp } from "@/lib/http/client-ip";

// better-auth: email + password (scrypt-hashed), database sessions in HttpOnly SameSite=Lax
// cookies, login rate limiting stored in the database (shared by every app instance), and OIDC
// single sign-on through genericOAuth when OIDC_* is configured. Signet's own roles live in the
// user's `role` column; authorisation is decided by lib/domain/authz.ts, not by this library.

const ac = createAccessControl(defaultStatements);
const roles = {
  admin: ac.newRole(adminAc.statements),
  analyst: ac.newRole({ user: [], session: [] }),
  owner: ac.newRole({ user: [], session: [] }),
  auditor: ac.newRole({ user: [], session: [] }),
};

export const OIDC_PROVIDER_ID = "oidc";
/** The redirect URI path to register at the identity provider (README, sign-in docs). */
export const OIDC_CALLBACK_PATH = `/api/auth/oauth2/callback/${OIDC_PROVIDER_ID}`;

// The identity provider's groups of a single sign-on, from its profile (read by mapProfileToUser)
// until the session of that same callback request is created (databaseHooks.session.create), which
// maps them to a role. Keyed by email; entries live a minute at most.
const pendingGroups = new Map<string, { groups: string[]; at: number }>();
const PENDING_GROUPS_MS = 60_000;

function rememberGroups(email: unknown, groups: string[]) {
  const now = Date.now();
  for (const [key, entry] of pendingGroups) if (now - entry.at > PENDING_GROUPS_MS) pendingGroups.delete(key);
  if (typeof email === "string") pendingGroups.set(email.toLowerCase(), { groups, at: now });
}

function takeGroups(email: string): string[] | null {
  const entry = pendingGroups.get(email.toLowerCase());
  pendingGroups.delete(email.toLowerCase());
  return entry && Date.now() - entry.at <= PENDING_GROUPS_MS ? entry.groups : null;
}

/** A session made by the OIDC callback (not by password sign-in). */
const isOidcCallback = (path: string | undefined) => Boolean(path && /^\/(?:oauth2\/)?callback\//.test(path));

/** Password sign-in attempts per client address and minute (SIGNET_LOGIN_ATTEMPTS_PER_MINUTE). */
function loginAttemptsPerMinute() {
  const n = Number(process.env.SIGNET_LOGIN_ATTEMPTS_PER_MINUTE ?? 10);
  return Number.isInteger(n) && n > 0 ? n : 10;
}

function createAuth() {
  const config = getConfig();
  const isHttps = config.baseUrl.startsWith("https://");
  return betterAuth({
    appName: "Signet",
    secret: config.secret,
    baseURL: config.baseUrl,
    trustedOrigins: config.trustedOrigins,
    database: prismaAdapter(getRawDb(), { provider: currentFlavour() === "postgres" ? "postgresql" : "sqlite" }),
    emailAndPassword: {
      enabled: true,
      // accounts are created by the setup page (first admin) and by admins; no self-service sign-up
      disableSignUp: true,
      minPasswordLength: 12,
      maxPasswordLength: 256,
      // every password set through the library passes the policy (the forms check it first, with
      // the user's name and email; this is the backstop for any other path)
      password: {
        hash: async (password: string) => {
          const problem = passwordProblem(password);
          if (problem) throw new AppError("validation", problem);
          return hashPassword(password);
        },
        verify: verifyPassword,
      },
    },
    session: { expiresIn: 60 * 60 * 12, updateAge: 60 * 60 },
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 300,
      customRules: {
        "/sign-in/email": { window: 60, max: loginAttemptsPerMinute() },
        "/sign-in/social": { window: 60, max: 20 },
      },
    },
    // OAuth failures before better-auth knows the caller's error page (a missing or tampered
    // state) redirect here with ?error=<code>; the sign-in page explains them.
    onAPIError: { errorURL: `${config.baseUrl}/sign-in` },
    advanced: {
      useSecureCookies: isHttps,
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax", secure: isHttps },
      ipAddress: { ipAddressHeaders: ["x-forwarded-for", "x-real-ip"] },
    },
    user: {
      additionalFields: {
        personId: { type: "string", required: false, input: false },
      },
    },
    databaseHooks: {
      session: {
        create: {
          after: async (session, context) => {
            const email = await findUserEmail(getRawDb(), session.userId);
            const groups = email && isOidcCallback(context?.path) ? takeGroups(email) : null;
            if (groups && config.oidc?.roles.roleByGroup.size) {
              // a failure here must not fail the sign-in: the user keeps the role they had
              await applySignInRole(getDb(), session.userId, groups, {
                mapping: config.oidc.roles,
                now: new Date(),
              }).catch((error: unknown) => reportError(error, "sign-in role mapping"));
            }
            await withTransaction(getDb(), async (tx) =>
              recordAudit(tx, {
                actor: { type: "user", id: session.userId, label: email ?? session.userId },
                action: "user.signed-in",
                targetType: "user",
                targetId: session.userId,
                summary: `${email ?? session.userId} signed in`,
                // the address as every other audit event records it: the session's own is keyed for rate
                // limits, an IPv6 one cut to its /64 (::1 became 0000:…:0000)
                ip: (context?.headers ? forwardedClientIp(context.headers) : null) ?? session.ipAddress ?? null,
              }),
            );
          },
        },
      },
      user: {
        create: {
          // a user whose email matches a Person is that person (owners see their own signers)
          after: async (user) => {
            await linkUserToPerson(getRawDb(), user.id, user.email);
          },
        },
      },
    },
    plugins: [
      admin({ ac, roles, defaultRole: "owner", adminRoles: ["admin"] }),
      ...(config.oidc
        ? [
            genericOAuth({
              config: [
                {
                  providerId: OIDC_PROVIDER_ID,
                  discoveryUrl: `${config.oidc.issuer}/.well-known/openid-configuration`,
                  clientId: config.oidc.clientId,
                  clientSecret: config.oidc.clientSecret,
                  scopes: ["openid", "email", "profile", ...config.oidc.extraScopes],
                  pkce: true,
                  // better-auth 1.7 serves the callback at /callback/:id; Signet documents (and
                  // operators register) /oauth2/callback/oidc, which the auth route maps onto it
                  redirectURI: `${config.baseUrl}${OIDC_CALLBACK_PATH}`,
                  // the groups claim (docs/sso.md) is mapped to a role once the session exists
                  mapProfileToUser: (profile: Record<string, unknown>) => {
                    rememberGroups(profile.email, readGroups(profile, config.oidc!.roles.groupsClaim));
                    return {};
                  },
                },
              ],
            }),
          ]
        : []),
      nextCookies(),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;
const g = globalThis as unknown as { __signetAuth?: Auth };

export function getAuth(): Auth {
  g.__signetAuth ??= createAuth();
  return g.__signetAuth;
}
