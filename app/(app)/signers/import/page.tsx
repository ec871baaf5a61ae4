import { CSV_COLUMNS } from "@/lib/domain/signer-import";
import { Card } from "@/components/ui/card";
import { ScrollBlock } from "@/components/ui/scroll-block";
import { SignerImportForm } from "@/components/signers/import-form";
import { guardedPage } from "@/components/inventory/guarded-page";

export const metadata = { title: "Import signers" };

const EXAMPLE = `name,kind,platform,environments,primary_owner,backup_owner,team,privileges,credential_type,credential_expires_at
payments-release,ci-pipeline,github-actions,production,ana@acme.example,bo@acme.example,Payments,"sign:release/production@production; repo:acme/payments",oidc,
nightly-builder,build-service,jenkins,staging,bo@acme.example,,Platform,sign:nightly@staging,static-secret,2027-03-31`;

export default guardedPage({
  page: "/signers/import",
  title: "Import signers",
  description:
    "Register many signers from a CSV or JSON file. Every row is checked on its own: good rows are stored, bad rows are listed with the row number, the field and the problem. Run a dry run first to check without writing.",
  render: () => (
    <div className="space-y-6">
      <Card>
        <SignerImportForm />
      </Card>
      <Card title="File format">
        <div className="space-y-2 text-sm text-slate-700">
          <p>
            CSV with a header row; the columns are <code>{Object.keys(CSV_COLUMNS).join(", ")}</code> (only{" "}
            <code>name</code> and <code>kind</code> are required). Lists (environments, artifact types, privileges,
            certificates) are separated by <code>;</code>. Owners are people&apos;s emails, the team is its name or
            email, privileges are <code>scope@environment</code>, certificates are SHA-256 fingerprints of certificates
            already imported.
          </p>
          <p>
            JSON: an array of objects in the shape of <code>POST /api/v1/signers</code>. Row numbers in the report are
            spreadsheet rows for CSV (header = row 1) and positions (from 1) for JSON.
          </p>
          <ScrollBlock className="p-3">{EXAMPLE}</ScrollBlock>
        </div>
      </Card>
    </div>
  ),
});
