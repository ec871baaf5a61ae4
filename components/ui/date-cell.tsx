import { DateText } from "@/components/ui/date-text";
import { Td } from "@/components/ui/table";

/** A table cell holding one date ("in 12 days — 2026-12-05", "—" when there is none). */
export function DateCell({ date }: { date: Date | string | null | undefined }) {
  return (
    <Td>
      <DateText date={date} />
    </Td>
  );
}
