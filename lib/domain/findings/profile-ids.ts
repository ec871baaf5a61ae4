// Stable profile ids (issue #15 item 4): the set of requirements a certificate is judged by.
// Kept apart from the profiles themselves so the policy schema can name them without importing
// the rules.

export const PROFILE_IDS = [
  "csbr",
  "uefi-secure-boot",
  "kernel-module",
  "sigstore-keyless",
  "apple",
  "mozilla-addons",
  "private",
] as const;

export type ProfileId = (typeof PROFILE_IDS)[number];

export function isProfileId(value: unknown): value is ProfileId {
  return typeof value === "string" && (PROFILE_IDS as readonly string[]).includes(value);
}
