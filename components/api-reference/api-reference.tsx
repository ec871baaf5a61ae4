import { Badge, type Tone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";

// A readable rendering of the OpenAPI document (GET /api/v1/openapi.json): operations by tag with
// who may call them, their parameters and answers, then the schemas. Server-rendered, no script.

type Schema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  description?: string;
};
type Parameter = { name: string; in: string; required?: boolean; schema?: Schema; description?: string };
type Operation = {
  operationId: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema?: Schema }> }>;
  "x-signet-token-scopes"?: string[];
};
export type OpenApiDocumentView = {
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
};

const METHOD_TONES: Record<string, Tone> = { get: "blue", post: "green", put: "amber", patch: "amber", delete: "red" };

/** A schema in one line: a component's name, or its type (array of …, one of …). */
export function schemaLabel(s: Schema | undefined): string {
  if (!s) return "any";
  if (s.$ref) return s.$ref.split("/").pop() ?? s.$ref;
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.anyOf || s.oneOf) return (s.anyOf ?? s.oneOf ?? []).map(schemaLabel).join(" | ");
  const type = Array.isArray(s.type) ? s.type.join(" | ") : s.type;
  if (type === "array") return `${schemaLabel(s.items)}[]`;
  if (type === "object" && s.properties) return `{ ${Object.keys(s.properties).join(", ")} }`;
  return `${type ?? "any"}${s.format ? ` (${s.format})` : ""}`;
}

function Fields({ schema, caption }: { schema: Schema; caption: string }) {
  const props = Object.entries(schema.properties ?? {});
  if (props.length === 0) return <code className="text-xs">{schemaLabel(schema)}</code>;
  return (
    <table className="w-full text-left text-xs">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="text-slate-500">
          <th scope="col" className="py-1 pr-3 font-medium">
            Field
          </th>
          <th scope="col" className="py-1 font-medium">
            Type
          </th>
        </tr>
      </thead>
      <tbody>
        {props.map(([name, s]) => (
          <tr key={name} className="border-t border-slate-100 align-top">
            <td className="py-1 pr-3 font-mono">
              {name}
              {schema.required?.includes(name) ? null : <span className="text-slate-500">?</span>}
            </td>
            <td className="break-all py-1 font-mono text-slate-700">{schemaLabel(s)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function OperationCard({ path, method, op }: { path: string; method: string; op: Operation }) {
  const scopes = op["x-signet-token-scopes"] ?? [];
  const body = op.requestBody?.content["application/json"]?.schema;
  return (
    <section id={op.operationId} aria-labelledby={`${op.operationId}-title`} className="border-t border-slate-100 py-4">
      <h3 id={`${op.operationId}-title`} className="flex flex-wrap items-center gap-2 text-sm">
        <Badge tone={METHOD_TONES[method] ?? "slate"}>{method.toUpperCase()}</Badge>
        <code className="break-all font-mono text-slate-900">{path}</code>
        <span className="text-slate-600">{op.summary}</span>
      </h3>
      <p className="mt-1 text-xs text-slate-600">{op.description}</p>
      <div className="mt-2 flex flex-wrap gap-1" aria-label="Token scopes">
        {scopes.length ? (
          scopes.map((s) => (
            <Badge key={s} tone="violet">
              scope {s}
            </Badge>
          ))
        ) : (
          <Badge>session only</Badge>
        )}
      </div>
      <div className="mt-3 grid gap-4 lg:grid-cols-2">
        <div>
          <h4 className="text-xs font-semibold text-slate-700">Request</h4>
          {op.parameters?.length ? (
            <ul className="mt-1 space-y-0.5 text-xs">
              {op.parameters.map((p) => (
                <li key={`${p.in}:${p.name}`}>
                  <code className="font-mono">{p.name}</code>{" "}
                  <span className="text-slate-500">
                    ({p.in}
                    {p.required ? ", required" : ""}) {schemaLabel(p.schema)}
                  </span>
                </li>
              ))}
            </ul>
          ) : null}
          {body ? (
            <div className="mt-1">
              <Fields schema={body} caption={`${op.operationId} request body`} />
            </div>
          ) : null}
          {!op.parameters?.length && !body ? <p className="text-xs text-slate-500">No parameters</p> : null}
        </div>
        <div>
          <h4 className="text-xs font-semibold text-slate-700">Answers</h4>
          <ul className="mt-1 space-y-0.5 text-xs">
            {Object.entries(op.responses)
              .filter(([status]) => status !== "default")
              .map(([status, r]) => (
                <li key={status}>
                  <span className="font-mono">{status}</span> {r.description}:{" "}
                  {Object.entries(r.content ?? {}).map(([type, c]) => (
                    <span key={type} className="mr-2">
                      <code className="font-mono text-slate-700">{type}</code>{" "}
                      {c.schema ? (
                        c.schema.$ref ? (
                          <a className="text-indigo-700 underline" href={`#schema-${schemaLabel(c.schema)}`}>
                            {schemaLabel(c.schema)}
                          </a>
                        ) : (
                          <code className="font-mono">{schemaLabel(c.schema)}</code>
                        )
                      ) : null}
                    </span>
                  ))}
                </li>
              ))}
          </ul>
        </div>
      </div>
    </section>
  );
}

export function ApiReference({ document }: { document: OpenApiDocumentView }) {
  const operations = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ path, method, op })),
  );
  const tags = [...new Set(operations.map((o) => o.op.tags?.[0] ?? "api"))].sort();
  const schemas = Object.entries(document.components?.schemas ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return (
    <div className="space-y-6">
      <nav aria-label="API sections" className="flex flex-wrap gap-2 text-sm">
        {tags.map((t) => (
          <a key={t} href={`#tag-${t}`} className="rounded border border-slate-200 bg-white px-2 py-1 text-indigo-700">
            {t}
          </a>
        ))}
        <a href="#schemas" className="rounded border border-slate-200 bg-white px-2 py-1 text-indigo-700">
          schemas
        </a>
      </nav>
      {tags.map((t) => (
        <Card key={t} title={<span id={`tag-${t}`}>{t}</span>}>
          {operations
            .filter((o) => (o.op.tags?.[0] ?? "api") === t)
            .map((o) => (
              <OperationCard key={o.op.operationId} {...o} />
            ))}
        </Card>
      ))}
      <Card title={<span id="schemas">Schemas</span>}>
        <div className="grid gap-4 lg:grid-cols-2">
          {schemas.map(([name, schema]) => (
            <section key={name} id={`schema-${name}`} aria-labelledby={`schema-${name}-title`}>
              <h3 id={`schema-${name}-title`} className="font-mono text-sm font-semibold text-slate-900">
                {name}
              </h3>
              <Fields schema={schema} caption={`${name} fields`} />
            </section>
          ))}
        </div>
      </Card>
    </div>
  );
}
