// The demo's finished key-compromise drill, so auditors see drill history and its report: the
// release bots' shared HSM key practised 45 days ago. Noah acknowledged within the hour, Aisha
// never did; the production channel was rehearsed a day and a half in (slower than the policy's
// 24 hours), and the security team ended the drill two days in. Written as rows by
// lib/services/write-demo-drill.ts: no mail is ever queued for the demo's made-up people.

export type DemoDrill = {
  /** the drill's subject: this signer's key, and every signer sharing it */
  signer: string;
  reason: string;
  declaredDaysAgo: number;
  suspectedDaysAgo: number;
  /** the security-team member who ran it (people.ts key) */
  declaredBy: string;
  /** owners who acknowledged, and how many hours after the declaration */
  acknowledgements: { person: string; afterHours: number }[];
  /** every recovery task rehearsed this many hours after the declaration */
  rehearsedAfterHours: number;
  endedAfterHours: number;
};

export const DEMO_DRILL: DemoDrill = {
  signer: "release-bot-us",
  reason: "Yearly key-compromise drill of the release bots' shared HSM key",
  declaredDaysAgo: 45,
  suspectedDaysAgo: 47,
  declaredBy: "grace",
  acknowledgements: [{ person: "noah", afterHours: 1 }],
  rehearsedAfterHours: 36,
  endedAfterHours: 48,
};
