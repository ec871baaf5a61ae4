import { ListLoading } from "@/components/tables/list-status";

export default function Loading() {
  return <ListLoading what="findings" />;
}
