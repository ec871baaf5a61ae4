// Who did something. Every state change records one, in the same transaction as the change.
// Plain data shared by the services that act and the repository that stores audit events.

import type { TokenScope } from "./token-scopes";

export type Actor =
  | { type: "user"; id: string; label: string; role?: string }
  | { type: "token"; id: string; label: string; scopes?: readonly TokenScope[] }
  | { type: "system"; label: string }
  | { type: "anonymous"; label: string };

export const SYSTEM_ACTOR: Actor = { type: "system", label: "system" };

/** The user behind an action, for the `…ById` columns that name a User: null for tokens, the system and anonymous callers. */
export function actorUserId(actor: Actor): string | null {
  return actor.type === "user" ? actor.id : null;
}

export type AuditInput = {
  actor: Actor;
  action: string;
  targetType?: string;
  targetId?: string;
  summary: string;
  details?: Record<string, unknown>;
  ip?: string | null;
  at?: Date;
};
