import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PROFILES, type ProfileChoice } from "@/lib/domain/findings";

const BASIS: Record<ProfileChoice["basis"], string> = {
  explicit: "chosen explicitly",
  "certificate-policy": "certificate policy",
  "issuer-policy": "issuing CA's policy",
  "public-issuer": "publicly-trusted issuer",
  policy: "deployment policy",
  chain: "certificate chain",
  "artifact-type": "signer's artifacts",
  default: "no public or ecosystem marker",
};

/**
 * Which profile judges this certificate and why (issue #15): a rule citing a standard fires only
 * where that standard governs, so the page says which one does.
 */
export function ProfilePanel({ choice }: { choice: ProfileChoice }) {
  const profile = PROFILES[choice.profile];
  const rules = Object.entries(profile.requirements);
  return (
    <Card title="Judged by" action={<Badge tone="slate">{BASIS[choice.basis]}</Badge>}>
      <div data-testid="certificate-profile" data-profile={choice.profile} className="space-y-2 text-sm">
        <p>
          <span className="font-semibold text-slate-900">{profile.title}</span>{" "}
          <code className="rounded bg-slate-100 px-1 text-xs text-slate-700">{choice.profile}</code>
        </p>
        <p className="text-slate-700">Why: {choice.reason}.</p>
        <p className="text-slate-600">Governs {profile.scope}.</p>
        <details className="text-slate-600">
          <summary className="cursor-pointer">{rules.length} requirements apply</summary>
          <ul className="mt-2 space-y-1">
            {rules.map(([ruleId, requirement]) => (
              <li key={ruleId} className="break-words">
                <code className="text-xs">{ruleId}</code>: {requirement!.citation}
                {requirement!.effectiveFrom ? ` (for certificates issued from ${requirement!.effectiveFrom})` : ""}
              </li>
            ))}
          </ul>
        </details>
      </div>
    </Card>
  );
}
