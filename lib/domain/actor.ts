// Who did something. Every state change records one, in the same transaction as the change.
// Plain data shared by the services that act and the repository that stores audit events.

import type { TokenScope } from "./token-scopes";

export type Actor =
  | { type: "user"; id: string; label: string; role?: string }
  | { type: "token"; id: string; label: string; scopes?: readonly TokenScope[] }
  | { type: "system"; label: string }
  | { type: "anonymous"; label: string };

export const SYSTEM_ACTOR: Actor = { type: "system", label: "system" };

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
