import { listIncidentPage } from "@/lib/db/incidents/reads";
import { can } from "@/lib/domain/authz";
import { incidentFiltersSchema } from "@/lib/domain/inventory-filters";
import { incidentListQuery } from "@/lib/queries/incidents";
import { IncidentList } from "@/components/incidents/incident-list";
import { inventoryListPage } from "@/components/inventory/list-page";
import { ButtonLink } from "@/components/ui/button-link";

export const metadata = { title: "Incidents and drills" };

export default inventoryListPage({
  title: "Incidents and drills",
  description:
    "Key compromises declared, and the drills that rehearse them: who did what, how long containment and recovery took, and each drill's report.",
  schema: incidentFiltersSchema,
  list: { query: incidentListQuery, load: (db, user, filters) => listIncidentPage(db, user, filters) },
  page: "/incidents",
  actions: (user) =>
    can(user.role, "incidents:manage") ? (
      <>
        <ButtonLink href="/incidents/new?subjectType=key">Declare a key compromised</ButtonLink>
        <ButtonLink variant="secondary" href="/incidents/new?mode=drill&subjectType=signer">
          Start a drill
        </ButtonLink>
      </>
    ) : null,
  render: () => <IncidentList />,
});
