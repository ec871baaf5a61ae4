import { ApiReference, type OpenApiDocumentView } from "@/components/api-reference/api-reference";
import { Card } from "@/components/ui/card";
import { guardedPage } from "@/components/inventory/guarded-page";
import { TOKEN_SCOPE_HELP } from "@/lib/domain/token-scopes";
import { getOpenApiDocument } from "@/app/api/v1/openapi-routes";

export const metadata = { title: "API reference" };

// The OpenAPI document as a page: what a pipeline or script may call, with which token scope,
// and what it answers. The document itself is at /api/v1/openapi.json.
export default guardedPage({
  page: "/api-reference",
  title: "API reference",
  description: (
    <>
      Every operation under /api/v1, generated from the code that serves it. Machine-readable:{" "}
      <a className="text-indigo-700 underline" href="/api/v1/openapi.json">
        /api/v1/openapi.json
      </a>{" "}
      (OpenAPI 3.1). Send an API token as <code>Authorization: Bearer sgt_…</code>.
    </>
  ),
  render: () => {
    const document = getOpenApiDocument() as unknown as OpenApiDocumentView;
    return (
      <div className="space-y-6">
        <Card title="Token scopes">
          <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
            {Object.entries(TOKEN_SCOPE_HELP).map(([scope, help]) => (
              <div key={scope} className="contents">
                <dt className="font-mono text-slate-900">{scope}</dt>
                <dd className="text-slate-600">{help}</dd>
              </div>
            ))}
          </dl>
        </Card>
        <ApiReference document={document} />
      </div>
    );
  },
});
