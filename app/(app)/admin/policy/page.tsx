import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { listGateExceptions } from "@/lib/db/gate/exceptions";
import { listPolicyVersions, loadCurrentPolicy } from "@/lib/db/policy/policy";
import { listSignerOptions } from "@/lib/db/signers/signers";
import { GATE_RULE_IDS } from "@/lib/domain/gate/rule-ids";
import { RULE_IDS } from "@/lib/domain/findings/rule-ids";
import { defaultPolicy, mergePolicy } from "@/lib/domain/policy";
import { diffPolicies } from "@/lib/domain/policy-diff";
import { Card, PageHeader } from "@/components/ui/card";
import { DateText } from "@/components/ui/date-text";
import { RowsTable, Td } from "@/components/ui/table";
import { GateExceptionForm, PolicyEditor } from "@/components/gate/policy-forms";
import { RowActionButton } from "@/components/ui/row-action-button";
import { createGateExceptionAction, liftGateExceptionAction, savePolicyAction } from "./actions";

export const metadata = { title: "Policy" };

export default async function PolicyPage() {
  await requirePageUser("policy:manage");
  const db = getDb();
  const now = new Date();
  const [current, versions, exceptions, signers] = await Promise.all([
    loadCurrentPolicy(db),
    listPolicyVersions(db, { take: 50 }),
    listGateExceptions(db, { now }),
    listSignerOptions(db),
  ]);
  const history = versions.map((v, i) => {
    const previous = versions[i + 1]?.document ?? {};
    const changes = diffPolicies(mergePolicy(defaultPolicy, previous), mergePolicy(defaultPolicy, v.document));
    return { ...v, id: String(v.version), changes };
  });
  return (
    <>
      <PageHeader
        title="Policy"
        description={`The thresholds findings are judged by and what the release gate enforces. Version ${current.version}${current.version === 0 ? " (the built-in defaults)" : ""} is in force; each save is a new version, audited, and findings are re-evaluated under it.`}
      />
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
        <Card title={`Edit (version ${current.version})`}>
          <PolicyEditor action={savePolicyAction} document={JSON.stringify(current.document, null, 2)} />
        </Card>
        <Card title="In force (defaults with the document applied)">
          <pre
            // scrollable, so reachable by keyboard (axe: scrollable-region-focusable)
            tabIndex={0}
            className="max-h-[28rem] overflow-auto rounded bg-slate-50 p-2 text-xs"
            data-testid="effective-policy"
          >
            {JSON.stringify(current.policy, null, 2)}
          </pre>
        </Card>
        <Card title="Versions" className="xl:col-span-2">
          <RowsTable
            caption="Policy versions, newest first"
            headings={["Version", "Saved", "By", "Comment", "Changes against the version before"]}
            rows={history}
            empty="No saved version yet: the built-in defaults (version 0) are in force."
            row={(v) => (
              <>
                <Td>v{v.version}</Td>
                <Td>
                  <DateText date={v.createdAt} />
                </Td>
                <Td>{v.createdByLabel}</Td>
                <Td className="whitespace-normal">{v.comment ?? "—"}</Td>
                <Td className="whitespace-normal">
                  <ul className="font-mono text-xs">
                    {v.changes.map((c) => (
                      <li key={c.path}>
                        {c.path}: <del className="text-red-700">{JSON.stringify(c.before)}</del> →{" "}
                        <ins className="text-emerald-700">{JSON.stringify(c.after)}</ins>
                      </li>
                    ))}
                  </ul>
                </Td>
              </>
            )}
          />
        </Card>
        <Card title="Gate exceptions" className="xl:col-span-2">
          <div className="space-y-4">
            <RowsTable
              caption="Per-signer exceptions to a gate rule"
              headings={["Signer", "Rule", "Reason", "Ends", "State", ""]}
              rows={exceptions}
              empty="No exceptions: every rule applies to every signer."
              row={(e) => {
                const isLive = !e.liftedAt && e.endsAt > now;
                return (
                  <>
                    <Td>{e.signerName}</Td>
                    <Td>
                      <code>{e.ruleId}</code>
                    </Td>
                    <Td className="whitespace-normal">{e.reason}</Td>
                    <Td>
                      <DateText date={e.endsAt} />
                    </Td>
                    <Td>{isLive ? "in force" : e.liftedAt ? "lifted" : "ended"}</Td>
                    <Td>
                      {isLive ? (
                        <RowActionButton
                          id={e.id}
                          label="Lift"
                          ariaLabel={`Lift the exception of ${e.signerName} to ${e.ruleId}`}
                          action={liftGateExceptionAction}
                        />
                      ) : null}
                    </Td>
                  </>
                );
              }}
            />
            <GateExceptionForm
              action={createGateExceptionAction}
              signers={signers}
              ruleIds={[
                ...GATE_RULE_IDS,
                ...RULE_IDS.filter((id) => !(GATE_RULE_IDS as readonly string[]).includes(id)),
              ]}
            />
          </div>
        </Card>
      </div>
    </>
  );
}
