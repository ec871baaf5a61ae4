// The demo's open approval request: release-bot-eu's production signing grant is just-in-time,
// and its pipeline has asked for a window for tonight's release, triggered by Aisha (its primary
// owner, who therefore may not approve it; Noah, the backup owner, may).
export type DemoApproval = {
  signer: string;
  environment: string;
  reason: string;
  triggeredBy: string;
  requestedBy: string;
  hours: number;
};

export const DEMO_APPROVAL: DemoApproval = {
  signer: "release-bot-eu",
  environment: "production",
  reason: "Release 2026.12.1 (EU region)",
  triggeredBy: "akhan-ci",
  requestedBy: "token sgt_demo… (release-bot-eu pipeline)",
  hours: 8,
};
