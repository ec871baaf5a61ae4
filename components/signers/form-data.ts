// Turns the signer form's FormData into the API's input shape, so the UI goes through the same
// zod schemas as POST/PATCH /api/v1/signers. Empty inputs mean "none" (null / empty list).

const list = (v: FormDataEntryValue | null) =>
  String(v ?? "")
    .split(/[\n,;]/)
    .map((s) => s.trim())
    .filter(Boolean);

const text = (v: FormDataEntryValue | null) => {
  const s = String(v ?? "").trim();
  return s === "" ? null : s;
};

export function signerFormToInput(form: FormData): Record<string, unknown> {
  const custodyType = text(form.get("custody"));
  const out: Record<string, unknown> = {
    name: String(form.get("name") ?? ""),
    kind: String(form.get("kind") ?? ""),
    platform: String(form.get("platform") ?? "other"),
    environments: list(form.get("environments")),
    artifactTypes: list(form.get("artifactTypes")),
    description: text(form.get("description")),
    credentialType: String(form.get("credentialType") ?? "none"),
    credentialExpiresAt: text(form.get("credentialExpiresAt")),
    primaryOwner: text(form.get("primaryOwner")),
    backupOwner: text(form.get("backupOwner")),
    team: text(form.get("team")),
    privileges: String(form.get("privileges") ?? "")
      .split("\n")
      .map((s) => s.trim())
      .filter(Boolean),
    certificates: list(form.get("certificates")),
  };
  // the declaration on the signer; "unknown" (or empty) means not declared
  out.custody = { type: custodyType ?? "unknown", evidence: text(form.get("custodyEvidence")) };
  // the keyless identity: both empty means none declared
  const keylessIssuer = text(form.get("keylessIssuer"));
  const keylessSubjectPattern = text(form.get("keylessSubjectPattern"));
  out.keyless =
    keylessIssuer || keylessSubjectPattern
      ? { issuer: keylessIssuer ?? "", subjectPattern: keylessSubjectPattern ?? "" }
      : null;
  return out;
}

/** zod issue path → the form field that shows it */
export function formFieldOf(path: PropertyKey[]): string {
  const [head] = path.map(String);
  if (head === "custody") return path[1] === "evidence" ? "custodyEvidence" : "custody";
  if (head === "keyless") return path[1] === "issuer" ? "keylessIssuer" : "keylessSubjectPattern";
  return head ?? "form";
}
