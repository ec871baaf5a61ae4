import fs from "node:fs";
import path from "node:path";
import { z } from "@/lib/domain/zod";
import { isRole, ROLES } from "@/lib/domain/authz";
import { DEFAULT_GROUPS_CLAIM, DEFAULT_SSO_ROLE, parseRoleMap, type SsoRoleMapping } from "@/lib/domain/sso-roles";

// Configuration from the environment, validated once. Every problem is reported as one line
// that names the variable (scripts/start.mjs prints it and exits instead of a stack trace).

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

const envSchema = z.object({
  DATABASE_URL: z.string().optional(),
  SIGNET_SECRET: z.string().optional(),
  BETTER_AUTH_SECRET: z.string().optional(),
  SIGNET_BASE_URL: z.string().optional(),
  SIGNET_DATA_DIR: z.string().optional(),
  NODE_ENV: z.string().optional(),
  SIGNET_ENV: z.string().optional(),
  OIDC_ISSUER: z.string().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_PROVIDER_NAME: z.string().optional(),
  SIGNET_OIDC_GROUPS_CLAIM: z.string().optional(),
  SIGNET_OIDC_ROLE_MAP: z.string().optional(),
  SIGNET_OIDC_DEFAULT_ROLE: z.string().optional(),
  SIGNET_OIDC_EXTRA_SCOPES: z.string().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().optional(),
  SECURITY_TEAM_EMAIL: z.string().optional(),
  SIGNET_JOBS: z.string().optional(),
  SIGNET_METRICS_TOKEN: z.string().optional(),
  SIGNET_REVOCATION_ALLOW_HOSTS: z.string().optional(),
  PORT: z.string().optional(),
});

export type OidcConfig = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  name: string;
  /** scopes asked for besides openid, email and profile (Okta's `groups`) */
  extraScopes: string[];
  /** identity-provider groups → roles at every sign-in (docs/sso.md) */
  roles: SsoRoleMapping;
};

export type AppConfig = {
  databaseUrl: string;
  dataDir: string;
  secret: string;
  baseUrl: string;
  /** the origins whose pages may sign in: the base URL's (with none set, this machine's loopback names) */
  trustedOrigins: string[];
  isProduction: boolean;
  oidc: OidcConfig | null;
  smtpUrl: string | null;
  mailFrom: string;
  securityTeamEmail: string | null;
  isJobsEnabled: boolean;
  /** a bearer secret Prometheus may scrape GET /metrics with (besides API tokens with the metrics scope) */
  metricsToken: string | null;
};

const MIN_SECRET_LENGTH = 32;

export function dataDirFrom(env: NodeJS.ProcessEnv): string {
  return path.resolve(/*turbopackIgnore: true*/ env.SIGNET_DATA_DIR ?? "data");
}

function readSecretFile(dataDir: string): string | null {
  const file = path.join(dataDir, ".secret");
  try {
    return fs.readFileSync(file, "utf8").trim() || null;
  } catch {
    return null;
  }
}

function ssoRoleMapping(e: z.infer<typeof envSchema>): SsoRoleMapping {
  const defaultRole = e.SIGNET_OIDC_DEFAULT_ROLE?.trim() || DEFAULT_SSO_ROLE;
  if (!isRole(defaultRole))
    throw new ConfigError(`SIGNET_OIDC_DEFAULT_ROLE must be one of ${ROLES.join(", ")}, got "${defaultRole}"`);
  try {
    return {
      groupsClaim: e.SIGNET_OIDC_GROUPS_CLAIM?.trim() || DEFAULT_GROUPS_CLAIM,
      roleByGroup: parseRoleMap(e.SIGNET_OIDC_ROLE_MAP),
      defaultRole,
    };
  } catch (error) {
    throw new ConfigError(`SIGNET_OIDC_ROLE_MAP: ${(error as Error).message}`);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const e = envSchema.parse(env);
  const dataDir = dataDirFrom(env);
  const isProduction = e.NODE_ENV === "production" && e.SIGNET_ENV !== "local";
  const databaseUrl = e.DATABASE_URL?.trim() || `file:${path.join(dataDir, "signet.db")}`;
  if (!/^(file:|postgres(ql)?:\/\/)/.test(databaseUrl)) {
    throw new ConfigError(
      `DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL), got "${databaseUrl.split(":")[0]}:…"`,
    );
  }
  // Local installs get a secret generated into the data directory by scripts/start.mjs.
  // A production deployment must be given one explicitly.
  const secret = e.SIGNET_SECRET || e.BETTER_AUTH_SECRET || (isProduction ? null : readSecretFile(dataDir));
  if (!secret) {
    throw new ConfigError(
      isProduction
        ? "SIGNET_SECRET is not set: production mode needs a random secret of at least 32 characters (e.g. `openssl rand -base64 48`)"
        : `no secret: set SIGNET_SECRET or let \`npm start\` create ${path.join(dataDir, ".secret")}`,
    );
  }
  if (secret.length < MIN_SECRET_LENGTH)
    throw new ConfigError(`SIGNET_SECRET is too short: use at least ${MIN_SECRET_LENGTH} random characters`);
  const port = e.PORT ?? "3000";
  const baseUrl = (e.SIGNET_BASE_URL ?? `http://localhost:${port}`).replace(/\/+$/, "");
  if (!/^https?:\/\//.test(baseUrl)) throw new ConfigError(`SIGNET_BASE_URL must be an http(s) URL, got "${baseUrl}"`);
  // Sign-in answers only pages from the base URL. With none configured the app runs on this machine,
  // where http://127.0.0.1:3000 and http://[::1]:3000 are as much its address as localhost is.
  const trustedOrigins = e.SIGNET_BASE_URL
    ? [baseUrl]
    : ["localhost", "127.0.0.1", "[::1]"].map((host) => `http://${host}:${port}`);

  let oidc: OidcConfig | null = null;
  if (e.OIDC_ISSUER || e.OIDC_CLIENT_ID) {
    if (!e.OIDC_ISSUER || !e.OIDC_CLIENT_ID || !e.OIDC_CLIENT_SECRET) {
      throw new ConfigError("OIDC sign-in needs OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together");
    }
    oidc = {
      issuer: e.OIDC_ISSUER.replace(/\/+$/, ""),
      clientId: e.OIDC_CLIENT_ID,
      clientSecret: e.OIDC_CLIENT_SECRET,
      name: e.OIDC_PROVIDER_NAME ?? "Single sign-on",
      extraScopes: (e.SIGNET_OIDC_EXTRA_SCOPES ?? "").split(/[\s,]+/).filter(Boolean),
      roles: ssoRoleMapping(e),
    };
  }
  const metricsToken = e.SIGNET_METRICS_TOKEN?.trim() || null;
  if (metricsToken && metricsToken.length < MIN_SECRET_LENGTH)
    throw new ConfigError(`SIGNET_METRICS_TOKEN is too short: use at least ${MIN_SECRET_LENGTH} random characters`);
  if (e.SMTP_URL && !/^smtps?:\/\//.test(e.SMTP_URL))
    throw new ConfigError("SMTP_URL must start with smtp:// or smtps://");

  return {
    databaseUrl,
    dataDir,
    secret,
    baseUrl,
    trustedOrigins,
    isProduction,
    oidc,
    smtpUrl: e.SMTP_URL || null,
    mailFrom: e.MAIL_FROM ?? "Signet <signet@localhost>",
    securityTeamEmail: e.SECURITY_TEAM_EMAIL || null,
    isJobsEnabled: e.SIGNET_JOBS !== "off",
    metricsToken,
  };
}

let cached: AppConfig | undefined;
export function getConfig(): AppConfig {
  cached ??= loadConfig();
  return cached;
}
