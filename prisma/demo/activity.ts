// Signing events over the past 120 days and the grants that go with them. Deterministic: a seeded
// generator spreads the times, so two loads with the same `now` tell the same story.
import type { NewSigningEvent } from "@/lib/db/signing-events/signing-activity";
import type { DemoPrivilege, DemoSigner } from "./model";

const DAY_MS = 86_400_000;
export const HISTORY_DAYS = 120;

export type CertificateWindow = { ref: number; notBefore: Date; notAfter: Date };

/** A signing event as lib/db writes it, its certificate an index into the dataset's certificates. */
export type PlannedEvent = Required<
  Pick<
    NewSigningEvent,
    "signedAt" | "environment" | "artifactName" | "artifactDigest" | "isInteractive" | "ciRunUrl" | "scope"
  >
> & { certificateRef: number | null };

/** mulberry32: small, fast, good enough to spread demo timestamps */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function hashSeed(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

function hex(random: () => number, length: number): string {
  let out = "";
  while (out.length < length)
    out += Math.floor(random() * 0x100000000)
      .toString(16)
      .padStart(8, "0");
  return out.slice(0, length);
}

function ciRunUrl(signer: DemoSigner, run: number): string | null {
  const repo = `acme/${signer.artifact.stem}`;
  switch (signer.platform) {
    case "github-actions":
      return `https://github.com/${repo}/actions/runs/${9_100_000_000 + run}`;
    case "gitlab-ci":
      return `https://gitlab.acme.example/${repo}/-/pipelines/${480_000 + run}`;
    case "jenkins":
      return `https://jenkins.acme.example/job/${signer.name}/${1200 + run}/`;
    case "azure-pipelines":
      return `https://dev.azure.com/acme/${signer.artifact.stem}/_build/results?buildId=${77_000 + run}`;
    case "buildkite":
      return `https://buildkite.com/acme/${signer.name}/builds/${3400 + run}`;
    default:
      return null;
  }
}

/** The certificate a signer would have used at `at`: the newest one valid then, else the newest. */
function certificateAt(windows: CertificateWindow[], at: Date): number | null {
  const valid = windows.filter((w) => w.notBefore <= at && at <= w.notAfter);
  const pool = valid.length > 0 ? valid : windows.filter((w) => w.notBefore <= at);
  const newest = pool.sort((a, b) => b.notBefore.getTime() - a.notBefore.getTime())[0];
  return newest ? newest.ref : null;
}

export function planSigningEvents(signer: DemoSigner, windows: CertificateWindow[], now: Date): PlannedEvent[] {
  const activity = signer.activity;
  if (!activity || signer.status === "decommissioned") return [];
  const random = seededRandom(hashSeed(signer.name));
  const events: PlannedEvent[] = [];
  const lastDaysAgo = activity.lastDaysAgo ?? 1;
  let run = 0;
  for (const environment of activity.environments) {
    for (let daysAgo = lastDaysAgo; daysAgo <= HISTORY_DAYS; daysAgo += activity.everyDays) {
      // working hours, jittered, so the timeline does not look machine-made
      const signedAt = new Date(now.getTime() - daysAgo * DAY_MS - Math.floor(random() * 8 * 3_600_000));
      run += 1;
      const version = `${1 + Math.floor((HISTORY_DAYS - daysAgo) / 30)}.${Math.floor(random() * 20)}.${run % 10}`;
      events.push({
        signedAt,
        environment,
        artifactName: `${signer.artifact.stem}-${version}${environment === "production" ? "" : `-${environment}`}.${signer.artifact.ext}`,
        artifactDigest: `sha256:${hex(random, 64)}`,
        isInteractive: false,
        ciRunUrl: ciRunUrl(signer, run),
        scope: `sign:${signer.artifactTypes[0]}/${environment}`,
        certificateRef: certificateAt(windows, signedAt),
      });
    }
  }
  for (let i = 0; i < (activity.interactiveCount ?? 0); i++) {
    const signedAt = new Date(now.getTime() - (4 + i * 9) * DAY_MS - Math.floor(random() * 6 * 3_600_000));
    events.push({
      signedAt,
      environment: activity.environments[0],
      artifactName: `${signer.artifact.stem}-hotfix-${i + 1}.${signer.artifact.ext}`,
      artifactDigest: `sha256:${hex(random, 64)}`,
      // signed from someone's laptop with a copy of the key, outside any pipeline
      isInteractive: true,
      ciRunUrl: null,
      scope: `sign:${signer.artifactTypes[0]}/${activity.environments[0]}`,
      certificateRef: certificateAt(windows, signedAt),
    });
  }
  return events.sort((a, b) => a.signedAt.getTime() - b.signedAt.getTime());
}

/** Default grants: sign in each configured environment plus the source repository; then extras. */
export function planPrivileges(signer: DemoSigner, events: PlannedEvent[], now: Date): DemoPrivilege[] {
  if (signer.privileges) return signer.privileges;
  const lastSigned = (environment: string) => {
    const latest = events.filter((e) => e.environment === environment).at(-1);
    return latest ? Math.floor((now.getTime() - latest.signedAt.getTime()) / DAY_MS) : null;
  };
  const lastAny = events.at(-1);
  const lastAnyDaysAgo = lastAny ? Math.floor((now.getTime() - lastAny.signedAt.getTime()) / DAY_MS) : null;
  return [
    ...signer.environments.map((environment) => ({
      scope: `sign:${signer.artifactTypes[0]}/${environment}`,
      environment,
      grantedDaysAgo: signer.createdDaysAgo,
      lastExercisedDaysAgo: lastSigned(environment),
    })),
    {
      scope: `repo:acme/${signer.artifact.stem}`,
      environment: null,
      grantedDaysAgo: signer.createdDaysAgo,
      lastExercisedDaysAgo: lastAnyDaysAgo,
    },
    ...(signer.extraPrivileges ?? []),
  ];
}
