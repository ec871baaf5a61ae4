// The demo organisation: teams and the people who own signers. One person has left the company
// and still owns signers, which is how orphaned identities happen in real inventories. The data is
// people.json, checked here as it is read.
import { z } from "@/lib/domain/zod";
import data from "./people.json";
import { readDemoData } from "./read-demo-data";

const teamSchema = z.strictObject({ key: z.string(), name: z.string(), email: z.email(), description: z.string() });
const personSchema = z.strictObject({
  key: z.string(),
  name: z.string(),
  /** a team key */
  team: z.string(),
  hasLeft: z.boolean().optional(),
  leftDaysAgo: z.number().int().optional(),
  /** the accounts they run pipelines as (how "triggered by" finds them) */
  ciHandles: z.array(z.string()).optional(),
});
export type DemoTeam = z.infer<typeof teamSchema>;
export type DemoPerson = z.infer<typeof personSchema>;

export const DEMO_EMAIL_DOMAIN = "acme.example";

export const DEMO_TEAMS: DemoTeam[] = readDemoData("people.json", "team", data.teams, teamSchema);
export const DEMO_PEOPLE: DemoPerson[] = readDemoData(
  "people.json",
  "person",
  data.people,
  personSchema.extend({ team: z.enum(DEMO_TEAMS.map((t) => t.key)) }),
);

/** first.last@acme.example, ASCII only */
export function demoEmail(person: DemoPerson): string {
  const ascii = person.name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
  const parts = ascii.split(/\s+/);
  return `${parts[0]}.${parts[parts.length - 1]}@${DEMO_EMAIL_DOMAIN}`;
}
