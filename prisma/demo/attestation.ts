// The demo's attestation campaign: Release Engineering's quarterly owner attestation, past its due
// date, most owners answered and three signers still unattested (signer.attestation-overdue).
// The campaign has mail switched off (isMailEnabled false): the demo's people are made up, and no
// invitation, reminder or escalation may ever be queued for them.

export type DemoAttestationTask = {
  signer: string;
  /** answered this many days ago (still needed, every grant kept, custody confirmed) */
  answeredDaysAgo?: number;
  comment?: string;
  /** pending and escalated this many days ago */
  escalatedDaysAgo?: number;
};

export type DemoCampaign = {
  name: string;
  /** team key (people.ts): the campaign covers the team's active signers */
  team: string;
  createdDaysAgo: number;
  dueDaysAgo: number;
  reminderEveryDays: number;
  tasks: DemoAttestationTask[];
};

export const DEMO_CAMPAIGN: DemoCampaign = {
  name: "Release Engineering owner attestation, Q3 2026",
  team: "release",
  createdDaysAgo: 40,
  dueDaysAgo: 12,
  reminderEveryDays: 7,
  tasks: [
    { signer: "release-maven-publisher", answeredDaysAgo: 36 },
    { signer: "release-bot-us", answeredDaysAgo: 30, comment: "Approval grant is needed for the hotfix lane; tracked in REL-412" },
    { signer: "release-bot-eu", answeredDaysAgo: 29 },
    { signer: "release-promoter", answeredDaysAgo: 25, comment: "Wildcard grant to be narrowed next quarter" },
    { signer: "release-partner-sdk", answeredDaysAgo: 20 },
    { signer: "release-web-plugin", answeredDaysAgo: 14 },
    // unattested: the mirror nobody looks after any more was escalated at its due date
    { signer: "release-artifact-mirror", escalatedDaysAgo: 12 },
    { signer: "release-nightly-builds" },
    { signer: "release-helm-charts" },
  ],
};
