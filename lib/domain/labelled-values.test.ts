import { describe, expect, it } from "vitest";
import { labelledValues } from "./labelled-values";
import { CREDENTIAL_KINDS } from "./signer-credentials";
import { CUSTODY_TYPES, SIGNER_KINDS } from "./signer-input";
import { WEBHOOK_EVENT_TYPES } from "./webhooks/events";

describe("labelledValues", () => {
  it("lists a labels record's values in the record's order", () => {
    expect(labelledValues({ b: "B", a: "A", "c-d": "C" })).toEqual(["b", "a", "c-d"]);
  });

  // the lists that are read from their labels keep the order menus and z.enum messages had
  it.each([
    ["SIGNER_KINDS", SIGNER_KINDS, ["ci-pipeline", "build-service", "release-bot", "automation-account", "other"]],
    ["CUSTODY_TYPES", CUSTODY_TYPES, ["hsm", "cloud-kms", "vault", "hardware-token", "software-file", "unknown"]],
    [
      "CREDENTIAL_KINDS",
      CREDENTIAL_KINDS,
      [
        "signing-service",
        "ci-secret",
        "cloud-service-account-key",
        "registry-token",
        "api-token",
        "certificate",
        "other",
      ],
    ],
    [
      "WEBHOOK_EVENT_TYPES",
      WEBHOOK_EVENT_TYPES,
      [
        "finding.opened",
        "finding.resolved",
        "finding.accepted",
        "certificate.expiring",
        "certificate.revocation-recorded",
        "signer.suspended",
        "attestation.overdue",
        "gate.denied",
        "incident.opened",
        "incident.closed",
        "audit",
      ],
    ],
  ])("%s", (_name, values, expected) => {
    expect(values).toEqual(expected);
  });
});
