import { NotFoundBody } from "@/components/layout/refusal-page";

export default function NotFound() {
  return <NotFoundBody />;
}
