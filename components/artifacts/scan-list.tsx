"use client";

import { DateText } from "@/components/ui/date-text";
import type { Column } from "@/components/tables/data-table";
import { UnfilteredList } from "@/components/tables/inventory-list";
import type { ScanListRow } from "@/lib/db/artifacts/scans";
import { scanListQuery } from "@/lib/queries/scans";

const COLUMNS: Column<ScanListRow>[] = [
  { id: "started", label: "Started", priority: 1, render: (s) => <DateText date={new Date(s.startedAt)} /> },
  { id: "by", label: "By", priority: 3, render: (s) => s.actorLabel },
  { id: "source", label: "Source", priority: 3, render: (s) => s.source },
  { id: "files", label: "Files", priority: 1, render: (s) => s.totalFiles },
  { id: "signed", label: "Signed", priority: 1, render: (s) => s.signedFiles },
  { id: "unsigned", label: "Unsigned", priority: 2, render: (s) => s.unsignedFiles },
  { id: "malformed", label: "Malformed", priority: 3, render: (s) => s.malformedFiles },
  { id: "failed", label: "Failed", priority: 2, render: (s) => s.failedFiles },
];

/** The scans of signed artifacts, newest first, with what each found. */
export function ScanList() {
  return (
    <UnfilteredList
      query={scanListQuery}
      noun="scan"
      empty={{ title: "No scan yet", text: "Upload signed files above, or run signet scan --server." }}
      table={{ caption: "Recent scans, newest first", columns: COLUMNS }}
    />
  );
}
