import { buildOpenApiDocument, type RouteModuleEntry } from "@/lib/api/openapi";
import * as alertsMutes from "./alerts/mutes/route";
import * as alertsPolicy from "./alerts/policy/route";
import * as attestationsIdAnswer from "./attestations/[id]/answer/route";
import * as attestationsIdDelegate from "./attestations/[id]/delegate/route";
import * as attestationsBulk from "./attestations/bulk/route";
import * as attestations from "./attestations/route";
import * as attestationsRunJobs from "./attestations/run-jobs/route";
import * as audit from "./audit/route";
import * as campaignsIdExport from "./campaigns/[id]/export/route";
import * as campaignsId from "./campaigns/[id]/route";
import * as campaignsChangeRequestsId from "./campaigns/change-requests/[id]/route";
import * as campaigns from "./campaigns/route";
import * as certificatesIdRevocationCheck from "./certificates/[id]/revocation/check/route";
import * as certificatesIdRevocationImpact from "./certificates/[id]/revocation/impact/route";
import * as certificatesIdRevocation from "./certificates/[id]/revocation/route";
import * as certificatesId from "./certificates/[id]/route";
import * as certificates from "./certificates/route";
import * as exportsResource from "./exports/[resource]/route";
import * as findingsId from "./findings/[id]/route";
import * as findingsIdTransitions from "./findings/[id]/transitions/route";
import * as findingsTransitions from "./findings/transitions/route";
import * as findings from "./findings/route";
import * as jobsNameRun from "./jobs/[name]/run/route";
import * as jobs from "./jobs/route";
import * as keysId from "./keys/[id]/route";
import * as keys from "./keys/route";
import * as outboxIdRetry from "./outbox/[id]/retry/route";
import * as outboxId from "./outbox/[id]/route";
import * as outbox from "./outbox/route";
import * as overview from "./overview/route";
import * as owners from "./owners/route";
import * as peopleIdDeactivate from "./people/[id]/deactivate/route";
import * as peopleIdReactivate from "./people/[id]/reactivate/route";
import * as peopleId from "./people/[id]/route";
import * as people from "./people/route";
import * as revocationCheck from "./revocation/check/route";
import * as signersId from "./signers/[id]/route";
import * as signersIdStatus from "./signers/[id]/status/route";
import * as signersImport from "./signers/import/route";
import * as signersReassign from "./signers/reassign/route";
import * as signers from "./signers/route";
import * as signingEvents from "./signing-events/route";
import * as teams from "./teams/route";
import * as tokensId from "./tokens/[id]/route";
import * as tokens from "./tokens/route";
import * as usersId from "./users/[id]/route";
import * as users from "./users/route";

// Every route file under app/api/v1, for the OpenAPI document (lib/api/openapi.ts): a route added
// here is described by what its route({ … }) declares. lib/api/openapi.test.ts fails when a route
// file is missing from this list or an operation declares no 2xx response.
export const API_ROUTES: RouteModuleEntry[] = [
  { pattern: "/api/v1/alerts/mutes", module: alertsMutes },
  { pattern: "/api/v1/alerts/policy", module: alertsPolicy },
  { pattern: "/api/v1/attestations/[id]/answer", module: attestationsIdAnswer },
  { pattern: "/api/v1/attestations/[id]/delegate", module: attestationsIdDelegate },
  { pattern: "/api/v1/attestations/bulk", module: attestationsBulk },
  { pattern: "/api/v1/attestations", module: attestations },
  { pattern: "/api/v1/attestations/run-jobs", module: attestationsRunJobs },
  { pattern: "/api/v1/audit", module: audit },
  { pattern: "/api/v1/campaigns/[id]/export", module: campaignsIdExport },
  { pattern: "/api/v1/campaigns/[id]", module: campaignsId },
  { pattern: "/api/v1/campaigns/change-requests/[id]", module: campaignsChangeRequestsId },
  { pattern: "/api/v1/campaigns", module: campaigns },
  { pattern: "/api/v1/certificates/[id]/revocation/check", module: certificatesIdRevocationCheck },
  { pattern: "/api/v1/certificates/[id]/revocation/impact", module: certificatesIdRevocationImpact },
  { pattern: "/api/v1/certificates/[id]/revocation", module: certificatesIdRevocation },
  { pattern: "/api/v1/certificates/[id]", module: certificatesId },
  { pattern: "/api/v1/certificates", module: certificates },
  { pattern: "/api/v1/exports/[resource]", module: exportsResource },
  { pattern: "/api/v1/findings/[id]", module: findingsId },
  { pattern: "/api/v1/findings/[id]/transitions", module: findingsIdTransitions },
  { pattern: "/api/v1/findings/transitions", module: findingsTransitions },
  { pattern: "/api/v1/findings", module: findings },
  { pattern: "/api/v1/jobs/[name]/run", module: jobsNameRun },
  { pattern: "/api/v1/jobs", module: jobs },
  { pattern: "/api/v1/keys/[id]", module: keysId },
  { pattern: "/api/v1/keys", module: keys },
  { pattern: "/api/v1/outbox/[id]/retry", module: outboxIdRetry },
  { pattern: "/api/v1/outbox/[id]", module: outboxId },
  { pattern: "/api/v1/outbox", module: outbox },
  { pattern: "/api/v1/overview", module: overview },
  { pattern: "/api/v1/owners", module: owners },
  { pattern: "/api/v1/people/[id]/deactivate", module: peopleIdDeactivate },
  { pattern: "/api/v1/people/[id]/reactivate", module: peopleIdReactivate },
  { pattern: "/api/v1/people/[id]", module: peopleId },
  { pattern: "/api/v1/people", module: people },
  { pattern: "/api/v1/revocation/check", module: revocationCheck },
  { pattern: "/api/v1/signers/[id]", module: signersId },
  { pattern: "/api/v1/signers/[id]/status", module: signersIdStatus },
  { pattern: "/api/v1/signers/import", module: signersImport },
  { pattern: "/api/v1/signers/reassign", module: signersReassign },
  { pattern: "/api/v1/signers", module: signers },
  { pattern: "/api/v1/signing-events", module: signingEvents },
  { pattern: "/api/v1/teams", module: teams },
  { pattern: "/api/v1/tokens/[id]", module: tokensId },
  { pattern: "/api/v1/tokens", module: tokens },
  { pattern: "/api/v1/users/[id]", module: usersId },
  { pattern: "/api/v1/users", module: users },
];

/** The document of these routes, built once per process (the routes cannot change while it runs). */
export function getOpenApiDocument(): ReturnType<typeof buildOpenApiDocument> {
  cachedDocument ??= buildOpenApiDocument(API_ROUTES);
  return cachedDocument;
}
let cachedDocument: ReturnType<typeof buildOpenApiDocument> | undefined;
