// The demo organisation: teams and the people who own signers. One person has left the company
// and still owns signers, which is how orphaned identities happen in real inventories.

export type DemoTeam = { key: string; name: string; email: string; description: string };
export type DemoPerson = {
  key: string;
  name: string;
  team: string;
  hasLeft?: boolean;
  leftDaysAgo?: number;
  /** the accounts they run pipelines as (how "triggered by" finds them) */
  ciHandles?: string[];
};

export const DEMO_EMAIL_DOMAIN = "acme.example";

export const DEMO_TEAMS: DemoTeam[] = [
  {
    key: "platform",
    name: "Platform Engineering",
    email: "platform@acme.example",
    description: "CI runners, build images and the release pipeline",
  },
  {
    key: "payments",
    name: "Payments",
    email: "payments-eng@acme.example",
    description: "Card processing services and the merchant SDKs",
  },
  { key: "mobile", name: "Mobile Apps", email: "mobile@acme.example", description: "Android and iOS apps" },
  {
    key: "desktop",
    name: "Desktop Client",
    email: "desktop@acme.example",
    description: "Windows and macOS desktop client, installers and drivers",
  },
  {
    key: "data",
    name: "Data Platform",
    email: "data-platform@acme.example",
    description: "Batch jobs, connectors and ML model packaging",
  },
  {
    key: "security",
    name: "Security Engineering",
    email: "security@acme.example",
    description: "PKI, HSMs and the code-signing service",
  },
  {
    key: "release",
    name: "Release Engineering",
    email: "release@acme.example",
    description: "Release bots, promotion and artefact repositories",
  },
  {
    key: "firmware",
    name: "Firmware & Devices",
    email: "firmware@acme.example",
    description: "Gateway firmware, bootloaders and device agents",
  },
];

export const DEMO_PEOPLE: DemoPerson[] = [
  { key: "amara", name: "Amara Okafor", team: "platform" },
  { key: "jonas", name: "Jonas Becker", team: "platform" },
  { key: "mei", name: "Mei Lin", team: "platform" },
  { key: "carlos", name: "Carlos Mendes", team: "payments" },
  { key: "sofia", name: "Sofia Rossi", team: "payments" },
  { key: "priya", name: "Priya Raman", team: "payments", hasLeft: true, leftDaysAgo: 74 },
  { key: "kenji", name: "Kenji Watanabe", team: "mobile" },
  { key: "fatima", name: "Fatima Zahra El Idrissi", team: "mobile" },
  { key: "lukas", name: "Lukas Novak", team: "mobile" },
  { key: "hannah", name: "Hannah Schmidt", team: "desktop" },
  { key: "diego", name: "Diego Alvarez", team: "desktop" },
  { key: "olivia", name: "Olivia Brown", team: "desktop" },
  { key: "arjun", name: "Arjun Mehta", team: "data" },
  { key: "ingrid", name: "Ingrid Larsen", team: "data" },
  { key: "tomasz", name: "Tomasz Kowalski", team: "data" },
  { key: "grace", name: "Grace Kim", team: "security" },
  { key: "samuel", name: "Samuel Adeyemi", team: "security" },
  { key: "elena", name: "Elena Petrova", team: "security" },
  { key: "noah", name: "Noah Williams", team: "release" },
  { key: "aisha", name: "Aisha Khan", team: "release", ciHandles: ["akhan-ci"] },
  { key: "mateo", name: "Mateo García", team: "release" },
  { key: "yuki", name: "Yuki Tanaka", team: "firmware" },
  { key: "henrik", name: "Henrik Johansson", team: "firmware" },
  { key: "chloe", name: "Chloé Martin", team: "firmware" },
  { key: "david", name: "David Cohen", team: "security" },
];

/** first.last@acme.example, ASCII only */
export function demoEmail(person: DemoPerson): string {
  const ascii = person.name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
  const parts = ascii.split(/\s+/);
  return `${parts[0]}.${parts[parts.length - 1]}@${DEMO_EMAIL_DOMAIN}`;
}
