import type { DbOrTx } from "@/lib/db/client";

// Setting: small key → JSON values. The unique key doubles as a lock (the first-admin setup
// inserts its marker first, so two concurrent setups cannot both succeed).

/** Inserts the setting; throws when the key exists. */
export async function createSetting(db: DbOrTx, key: string, value: unknown): Promise<void> {
  await db.setting.create({ data: { key, valueJson: JSON.stringify(value) } });
}

/** Deletes the setting; a missing key is not an error. */
export async function deleteSetting(db: DbOrTx, key: string): Promise<void> {
  await db.setting.deleteMany({ where: { key } });
}

/** The setting's value, or null when the key is not set. */
export async function readSetting<T>(db: DbOrTx, key: string): Promise<T | null> {
  const row = await db.setting.findUnique({ where: { key }, select: { valueJson: true } });
  return row ? (JSON.parse(row.valueJson) as T) : null;
}

/** Sets the setting, creating it when missing. */
export async function writeSetting(db: DbOrTx, key: string, value: unknown): Promise<void> {
  const valueJson = JSON.stringify(value);
  await db.setting.upsert({ where: { key }, create: { key, valueJson }, update: { valueJson } });
}
