import { createHash, generateKeyPairSync } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";

// A real OpenID Connect provider (the `oidc-provider` package) on 127.0.0.1 for the e2e suite:
// one confidential client (Signet), one account, PKCE required, and a minimal login + consent
// interaction of our own (oidc-provider's devInteractions are a demo UI we do not control).
// The constants are imported by playwright.config.ts, so this module loads oidc-provider only
// inside startOidcProvider().

/** The provider listens on the app port + 90 (3190 for SQLite, 3191 for PostgreSQL). */
export function oidcPortFor(appPort: number) {
  return appPort + 90;
}

export function oidcIssuerFor(appPort: number) {
  return `http://127.0.0.1:${oidcPortFor(appPort)}`;
}

export const OIDC_CLIENT = {
  id: "signet-e2e",
  secret: "signet-e2e-client-secret-not-for-production",
  providerName: "Test IdP",
};

export const OIDC_USER = {
  sub: "olivia-0001",
  email: "olivia.owner@example.test",
  name: "Olivia Owner",
  password: "olivia-idp-password",
};

/** A second account whose directory groups the provider sends (the `groups` claim, scope `groups`). */
export const OIDC_GROUPS_USER = {
  sub: "gabriel-0002",
  email: "gabriel.groups@example.test",
  name: "Gabriel Groups",
  password: "gabriel-idp-password",
};

/** The group → role map playwright.config.ts gives Signet (SIGNET_OIDC_ROLE_MAP). */
export const OIDC_ROLE_MAP = "signet-e2e-analysts=analyst,signet-e2e-auditors=auditor";

const ACCOUNTS = [OIDC_USER, OIDC_GROUPS_USER];

// oidc-provider ships no type declarations: the little of its API used here, typed by hand.
type InteractionDetails = {
  uid: string;
  prompt: {
    name: string;
    details: {
      missingOIDCScope?: string[];
      missingOIDCClaims?: string[];
      missingResourceScopes?: Record<string, string[]>;
    };
  };
  params: Record<string, unknown> & { client_id: string };
  session?: { accountId?: string };
  grantId?: string;
};
type Grant = {
  addOIDCScope(scope: string): void;
  addOIDCClaims(claims: string[]): void;
  addResourceScope(indicator: string, scope: string): void;
  save(): Promise<string>;
};
type ProviderInstance = {
  callback(): http.RequestListener;
  interactionDetails(req: http.IncomingMessage, res: http.ServerResponse): Promise<InteractionDetails>;
  interactionFinished(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    result: object,
    options: { mergeWithLastSubmission: boolean },
  ): Promise<void>;
  Grant: { new (init: { accountId: string; clientId: string }): Grant; find(id: string): Promise<Grant | undefined> };
  on(event: string, listener: (...args: unknown[]) => void): void;
};
type ProviderConstructor = new (issuer: string, configuration: object) => ProviderInstance;

export type RunningOidcProvider = {
  issuer: string;
  /** Changes the groups the provider sends for an account from its next sign-in on. */
  setGroups(sub: string, groups: string[]): void;
  close(): Promise<void>;
};

function escapeHtml(s: string) {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;background:#eef2f7;display:flex;justify-content:center;padding-top:80px}
main{background:#fff;border:1px solid #cbd5e1;border-radius:8px;padding:32px;width:340px}
label{display:block;margin-top:12px;font-size:14px}input{width:100%;padding:6px;box-sizing:border-box}
button{margin-top:16px;margin-right:8px;padding:8px 16px}.error{color:#b91c1c}</style></head>
<body><main><p><strong>Test IdP</strong> (e2e only)</p><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

async function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

function sendHtml(res: http.ServerResponse, status: number, html: string) {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
  res.end(html);
}

function loginForm(uid: string, error?: string) {
  return page(
    "Sign in",
    `${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ""}
<form method="post" action="/interaction/${uid}/login">
<label>Email <input name="email" type="email" autocomplete="username" required></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Continue</button></form>`,
  );
}

function consentForm(uid: string, scopes: string[]) {
  return page(
    "Allow access?",
    `<p>Signet asks for: ${escapeHtml(scopes.join(", ") || "your identity")}.</p>
<form method="post" action="/interaction/${uid}/confirm"><button type="submit">Allow</button></form>
<form method="post" action="/interaction/${uid}/abort"><button type="submit">Deny</button></form>`,
  );
}

/** Interaction routes (/interaction/:uid[/login|/confirm|/abort]); everything else is the provider's. */
async function handleInteraction(
  provider: ProviderInstance,
  accounts: typeof ACCOUNTS,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  action: string | undefined,
) {
  const details = await provider.interactionDetails(req, res);
  const { uid, prompt, params, session } = details;
  if (req.method === "GET" && !action) {
    if (prompt.name === "login") return sendHtml(res, 200, loginForm(uid));
    if (prompt.name === "consent") return sendHtml(res, 200, consentForm(uid, prompt.details.missingOIDCScope ?? []));
    return sendHtml(res, 501, page("Not implemented", `<p>prompt ${escapeHtml(prompt.name)}</p>`));
  }
  if (req.method !== "POST") return sendHtml(res, 405, page("Method not allowed", ""));
  if (action === "login") {
    const form = await readForm(req);
    const account = accounts.find((a) => a.email === form.get("email")?.toLowerCase());
    if (!account || form.get("password") !== account.password) {
      return sendHtml(res, 200, loginForm(uid, "Unknown email or wrong password."));
    }
    return provider.interactionFinished(
      req,
      res,
      { login: { accountId: account.sub } },
      { mergeWithLastSubmission: false },
    );
  }
  if (action === "confirm") {
    const grant =
      (details.grantId && (await provider.Grant.find(details.grantId))) ||
      new provider.Grant({ accountId: session?.accountId ?? "", clientId: params.client_id });
    if (prompt.details.missingOIDCScope) grant.addOIDCScope(prompt.details.missingOIDCScope.join(" "));
    if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(prompt.details.missingResourceScopes ?? {}))
      grant.addResourceScope(indicator, scopes.join(" "));
    return provider.interactionFinished(
      req,
      res,
      { consent: { grantId: await grant.save() } },
      { mergeWithLastSubmission: true },
    );
  }
  if (action === "abort") {
    return provider.interactionFinished(
      req,
      res,
      { error: "access_denied", error_description: "The user denied access" },
      { mergeWithLastSubmission: false },
    );
  }
  return sendHtml(res, 404, page("Not found", ""));
}

/** Starts the provider; `redirectUri` is the app's OIDC callback, registered for the one client. */
// One signing key per e2e run, named by its own thumbprint. Signet caches the provider's JWKS, so
// a spec that starts the provider again (03-oidc, then 14-sso-groups, or the other way round) must
// sign with a key the cache knows: a fresh key under the same kid failed verification ("id_token
// failed verification against the discovery JWKS"), and a fresh key under a new kid failed too when
// it came within jose's 30 s refetch cooldown ("unable_to_get_user_info"), which happens whenever
// the provider's specs run in different worker processes (a worker restarts after any failure). So
// the first process to need the key writes it into the run's data directory (scripts/e2e.mjs makes
// a new one per run) and every later worker of the run reads the same key.
let signingKey: { jwk: JsonWebKey; kid: string } | undefined;
function providerSigningKey() {
  if (signingKey) return signingKey;
  const dir = process.env.SIGNET_DATA_DIR ?? os.tmpdir();
  const file = path.join(dir, `e2e-oidc-signing-key-${process.env.E2E_PORT ?? 3100}.json`);
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const spki = publicKey.export({ format: "der", type: "spki" });
  const fresh = {
    jwk: privateKey.export({ format: "jwk" }),
    kid: `e2e-${createHash("sha256").update(spki).digest("hex").slice(0, 16)}`,
  };
  try {
    fs.writeFileSync(file, JSON.stringify(fresh), { flag: "wx", mode: 0o600 });
    signingKey = fresh;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    signingKey = JSON.parse(fs.readFileSync(file, "utf8")) as { jwk: JsonWebKey; kid: string };
  }
  return signingKey;
}

export async function startOidcProvider({
  port,
  redirectUri,
  groups: initialGroups = {},
}: {
  port: number;
  redirectUri: string;
  /** the groups claim per account (sub); an account not named here gets none */
  groups?: Record<string, string[]>;
}): Promise<RunningOidcProvider> {
  const groups = new Map(Object.entries(initialGroups));
  // a variable specifier keeps the untyped package out of the type-check (see the types above)
  const specifier = "oidc-provider";
  const { default: Provider } = (await import(specifier)) as { default: ProviderConstructor };
  const issuer = `http://127.0.0.1:${port}`;
  const key = providerSigningKey();
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: OIDC_CLIENT.id,
        client_secret: OIDC_CLIENT.secret,
        redirect_uris: [redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        // better-auth sends the secret in the token request body by default
        token_endpoint_auth_method: "client_secret_post",
      },
    ],
    async findAccount(_ctx: unknown, id: string) {
      const account = ACCOUNTS.find((a) => a.sub === id);
      if (!account) return undefined;
      return {
        accountId: id,
        async claims() {
          return {
            sub: id,
            email: account.email,
            email_verified: true,
            name: account.name,
            ...(groups.has(id) ? { groups: groups.get(id) } : {}),
          };
        },
      };
    },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"], groups: ["groups"] },
    scopes: ["openid", "email", "profile", "groups"],
    // Signet must send a PKCE challenge: the provider refuses authorization requests without one
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    cookies: { keys: ["e2e-only-cookie-signing-key"] },
    jwks: { keys: [{ ...key.jwk, kid: key.kid, alg: "RS256", use: "sig" }] },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
  });
  provider.on("server_error", (_ctx, err) => console.error("oidc-provider server_error:", err));
  const providerHandler = provider.callback();

  const server = http.createServer((req, res) => {
    const match = /^\/interaction\/([\w-]+)(?:\/(login|confirm|abort))?\/?$/.exec(
      new URL(req.url ?? "/", issuer).pathname,
    );
    if (!match) return providerHandler(req, res);
    handleInteraction(provider, ACCOUNTS, req, res, match[2]).catch((err: unknown) => {
      console.error("oidc-provider interaction failed:", err);
      if (!res.headersSent)
        sendHtml(res, 400, page("Interaction failed", `<p class="error">${escapeHtml(String(err))}</p>`));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    issuer: `http://127.0.0.1:${actual}`,
    setGroups: (sub, list) => void groups.set(sub, list),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
