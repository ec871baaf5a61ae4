import type { Actor } from "@/lib/domain/actor";

/** The actor of changes a test makes as the system (imports, scans) with no user behind them. */
export const testActor: Actor = { type: "system", label: "test" };
