// OWASP Non-Human Identities Top 10 (2025). Findings map to these items so the dashboard can
// group risk the way security teams already talk about it.

export const NHI_IDS = ["NHI1", "NHI2", "NHI3", "NHI4", "NHI5", "NHI6", "NHI7", "NHI8", "NHI9", "NHI10"] as const;
export type NhiId = (typeof NHI_IDS)[number];

export type NhiItem = { id: NhiId; rank: number; title: string };

const TITLES: Record<NhiId, string> = {
  NHI1: "Improper Offboarding",
  NHI2: "Secret Leakage",
  NHI3: "Vulnerable Third-Party NHI",
  NHI4: "Insecure Authentication",
  NHI5: "Overprivileged NHI",
  NHI6: "Insecure Cloud Deployment Configurations",
  NHI7: "Long-Lived Secrets",
  NHI8: "Environment Isolation",
  NHI9: "NHI Reuse",
  NHI10: "Human Use of NHI",
};

export const NHI_TOP_10: readonly NhiItem[] = NHI_IDS.map((id, i) => ({
  id,
  rank: i + 1,
  title: TITLES[id],
}));

export const NHI_SOURCE = "OWASP Non-Human Identities Top 10 (2025)";

export function isNhiId(value: unknown): value is NhiId {
  return typeof value === "string" && (NHI_IDS as readonly string[]).includes(value);
}

export function nhiTitle(id: NhiId): string {
  return TITLES[id];
}

/** "NHI7 Long-Lived Secrets" */
export function nhiLabel(id: NhiId): string {
  return `${id} ${TITLES[id]}`;
}
