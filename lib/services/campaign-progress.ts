import type { Db } from "@/lib/db/client";
import { findCampaign, listChangeRequests, listTasksFor, loadCampaignCandidates } from "@/lib/db/attestations/attestations";
import { findTeam } from "@/lib/db/people/people";
import { chooseAssignee, describeScope, parseScope, resolveScope, taskState } from "@/lib/domain/attestation";

// The security team's view of one campaign: every task with its state, counts by team and by
// owner, signers in scope that nobody can answer for, and the change requests owners opened.

export type ProgressCount = { key: string; label: string; done: number; pending: number; overdue: number };

export async function loadCampaignProgress(db: Db, campaignId: string, options: { now: Date }) {
  const campaign = await findCampaign(db, campaignId);
  if (!campaign) return null;
  const scope = parseScope(campaign.scopeJson);
  const [tasks, changeRequests, candidates, team] = await Promise.all([
    listTasksFor(db, { campaignId }),
    listChangeRequests(db, { campaignId }),
    campaign.status === "open" && scope ? loadCampaignCandidates(db) : Promise.resolve([]),
    scope?.kind === "team" ? findTeam(db, scope.teamId) : Promise.resolve(null),
  ]);
  const rows = tasks.map((t) => ({ ...t, state: taskState({ status: t.status, dueAt: campaign.dueAt }, options.now) }));
  const count = (keyOf: (t: (typeof rows)[number]) => [string, string]) => {
    const map = new Map<string, ProgressCount>();
    for (const t of rows) {
      const [key, label] = keyOf(t);
      const c = map.get(key) ?? { key, label, done: 0, pending: 0, overdue: 0 };
      c[t.state === "done" ? "done" : t.state]++;
      map.set(key, c);
    }
    return [...map.values()].sort((a, b) => b.overdue + b.pending - (a.overdue + a.pending) || a.label.localeCompare(b.label));
  };
  const withTask = new Set(tasks.map((t) => t.signer.id));
  const inScope = scope ? new Set(resolveScope(scope, candidates)) : new Set<string>();
  const unassignable = candidates
    .filter((c) => inScope.has(c.id) && !withTask.has(c.id))
    .map((c) => {
      const choice = chooseAssignee(c);
      return { signerId: c.id, name: c.name, reason: choice.kind === "unassignable" ? choice.reason : "came into scope after the campaign started" };
    });
  return {
    campaign: { ...campaign, scopeLabel: scope ? describeScope(scope, { teamName: team?.name }) : "unknown scope" },
    totals: {
      done: rows.filter((r) => r.state === "done").length,
      pending: rows.filter((r) => r.state === "pending").length,
      overdue: rows.filter((r) => r.state === "overdue").length,
      total: rows.length,
    },
    byTeam: count((t) => [t.signer.team?.id ?? "-", t.signer.team?.name ?? "No team"]),
    byOwner: count((t) => [t.assignee.id, t.assignee.name]),
    tasks: rows,
    unassignable,
    changeRequests: changeRequests.map((c) => ({ ...c, details: safeJson(c.detailsJson) })),
  };
}

function safeJson(text: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {};
  }
}
