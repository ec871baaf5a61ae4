import { Badge, type Tone } from "@/components/ui/badge";
import { Table, Td } from "@/components/ui/table";

export type UploadStatus = "imported" | "already-known" | "failed" | "refused-private-key" | "too-large";
export type UploadRow = { file: string; status: UploadStatus; subjects: string[]; error?: string };

const STATUS: Record<UploadStatus, { tone: Tone; glyph: string; label: string }> = {
  imported: { tone: "green", glyph: "✓", label: "Imported" },
  "already-known": { tone: "blue", glyph: "=", label: "Already known" },
  failed: { tone: "red", glyph: "✕", label: "Failed" },
  "refused-private-key": { tone: "orange", glyph: "!", label: "Refused: private key" },
  "too-large": { tone: "red", glyph: "✕", label: "Too large" },
};

/** "CN=foo, O=bar" → "foo"; the whole DN when it has no CN */
export function commonName(subject: string): string {
  const match = /(?:^|[,/]\s*)CN=((?:\\.|[^,])+)/.exec(subject);
  return match ? match[1].replace(/\\(.)/g, "$1").trim() : subject;
}

export function ImportResults({ rows }: { rows: UploadRow[] }) {
  return (
    <Table caption="Result of each file" columns={["File", "Status", "Certificates", "Error"]}>
      {rows.map((row, index) => {
        const s = STATUS[row.status];
        return (
          <tr key={`${index}-${row.file}`} data-testid="import-row" data-status={row.status}>
            <Td className="font-mono text-xs">
              <div className="min-w-40 max-w-72 whitespace-normal [overflow-wrap:anywhere]">{row.file}</div>
            </Td>
            <Td>
              <Badge tone={s.tone}>
                <span aria-hidden>{s.glyph}</span>
                {s.label}
              </Badge>
            </Td>
            <Td>{row.subjects.length ? row.subjects.join(", ") : <span className="text-slate-500">—</span>}</Td>
            <Td className="text-red-800">
              <div className="min-w-64 whitespace-normal">{row.error ?? ""}</div>
            </Td>
          </tr>
        );
      })}
    </Table>
  );
}
