import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config";

// The group-mapping settings are checked at start-up: a typo in a role must stop the server with a
// line naming the variable, not silently map everyone to the default role.

const base: NodeJS.ProcessEnv = {
  NODE_ENV: "test",
  SIGNET_SECRET: "config-test-secret-0123456789-0123456789",
  DATABASE_URL: "file:/tmp/unused.db",
  OIDC_ISSUER: "https://idp.example/",
  OIDC_CLIENT_ID: "signet",
  OIDC_CLIENT_SECRET: "s",
};

describe("single sign-on role settings", () => {
  it("reads the claim, the map, the default role and extra scopes", () => {
    const { oidc } = loadConfig({
      ...base,
      SIGNET_OIDC_GROUPS_CLAIM: "realm_access.roles",
      SIGNET_OIDC_ROLE_MAP: "signet-admins=admin,sec=analyst",
      SIGNET_OIDC_DEFAULT_ROLE: "auditor",
      SIGNET_OIDC_EXTRA_SCOPES: "groups, offline_access",
    });
    expect(oidc?.roles.groupsClaim).toBe("realm_access.roles");
    expect(oidc?.roles.roleByGroup.get("sec")).toBe("analyst");
    expect(oidc?.roles.defaultRole).toBe("auditor");
    expect(oidc?.extraScopes).toEqual(["groups", "offline_access"]);
  });

  it("defaults: the groups claim, owner, and no mapping", () => {
    const { oidc } = loadConfig(base);
    expect(oidc?.roles).toMatchObject({ groupsClaim: "groups", defaultRole: "owner" });
    expect(oidc?.roles.roleByGroup.size).toBe(0);
  });

  it("refuses an unknown role in the map or as the default", () => {
    expect(() => loadConfig({ ...base, SIGNET_OIDC_ROLE_MAP: "a=superuser" })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, SIGNET_OIDC_ROLE_MAP: "a=superuser" })).toThrow(/SIGNET_OIDC_ROLE_MAP/);
    expect(() => loadConfig({ ...base, SIGNET_OIDC_DEFAULT_ROLE: "root" })).toThrow(/SIGNET_OIDC_DEFAULT_ROLE/);
  });
});

describe("origins that may sign in", () => {
  it("with no base URL set: this machine's loopback names on the port; with one: that origin alone", () => {
    expect(loadConfig({ ...base, PORT: "3700" }).trustedOrigins).toEqual([
      "http://localhost:3700",
      "http://127.0.0.1:3700",
      "http://[::1]:3700",
    ]);
    expect(loadConfig({ ...base, SIGNET_BASE_URL: "https://signet.acme.example/" }).trustedOrigins).toEqual([
      "https://signet.acme.example",
    ]);
  });
});
