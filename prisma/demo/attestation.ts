// The demo's attestation campaign: Data Platform's quarterly owner attestation, past its due date,
// most owners answered and two signers still unattested (signer.attestation-overdue). Not Release
// Engineering: e2e/06-attestation.spec.ts runs a whole campaign of its own on that team.
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
  name: "Data Platform owner attestation, Q3 2026",
  team: "data",
  createdDaysAgo: 40,
  dueDaysAgo: 12,
  reminderEveryDays: 7,
  tasks: [
    { signer: "data-connectors-release", answeredDaysAgo: 36 },
    { signer: "data-export-signer", answeredDaysAgo: 30, comment: "Still needed for the monthly customer exports" },
    {
      signer: "data-pipeline-jar-signing",
      answeredDaysAgo: 21,
      comment: "Certificate renewal is booked for next month",
    },
    // unattested: the mainframe batch signer (three-year-old key) was escalated at its due date
    { signer: "data-mainframe-batch", escalatedDaysAgo: 12 },
    { signer: "data-ml-model-signing" },
  ],
};
