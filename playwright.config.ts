import { defineConfig } from "@playwright/test";
import { OIDC_CLIENT, OIDC_ROLE_MAP, oidcIssuerFor } from "./e2e/oidc-provider";
import { LOGIN_ATTEMPTS_PER_MINUTE } from "./e2e/limits";

// Driven by scripts/e2e.mjs, which prepares a fresh database per flavour and sets these.
const port = Number(process.env.E2E_PORT ?? 3100);
const flavour = process.env.E2E_FLAVOUR ?? "sqlite";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "./e2e",
  outputDir: `test-results/${flavour}`,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [["list"], ["json", { outputFile: `test-results/e2e-${flavour}.json` }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [{ name: `chromium-${flavour}` }],
  webServer: {
    command: "node scripts/start.mjs",
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      SIGNET_BASE_URL: `http://127.0.0.1:${port}`,
      SIGNET_LOGIN_ATTEMPTS_PER_MINUTE: String(LOGIN_ATTEMPTS_PER_MINUTE),
      SIGNET_JOBS: "off",
      // single sign-on against the OIDC provider that e2e/03-oidc.spec.ts starts; better-auth
      // retries discovery at sign-in when the provider was not up at the app's first request
      OIDC_ISSUER: oidcIssuerFor(port),
      OIDC_CLIENT_ID: OIDC_CLIENT.id,
      OIDC_CLIENT_SECRET: OIDC_CLIENT.secret,
      OIDC_PROVIDER_NAME: OIDC_CLIENT.providerName,
      // e2e/14-sso-groups.spec.ts: the provider's groups claim decides the role at each sign-in
      SIGNET_OIDC_EXTRA_SCOPES: "groups",
      SIGNET_OIDC_ROLE_MAP: OIDC_ROLE_MAP,
      // e2e/06-attestation.spec.ts starts an SMTP server here and moves the attestation clock
      SMTP_URL: `smtp://127.0.0.1:${port + 25}`,
      SECURITY_TEAM_EMAIL: "security-team@example.test",
      SIGNET_ALLOW_CLOCK_OVERRIDE: "1",
      // e2e/13-webhooks.spec.ts starts a webhook receiver on 127.0.0.1
      SIGNET_WEBHOOK_ALLOW_HOSTS: "127.0.0.1",
    },
  },
});
