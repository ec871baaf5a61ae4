import { route } from "@/lib/api/handler";
import { runJobNow } from "@/lib/services/run-job-now";
import { jobRunNow } from "@/lib/api/responses/admin";

// "Run now": runs one registered job at once under its lease; 409 while another instance runs it.
export const POST = route(
  { summary: "Run one job now under its lease", responses: { 200: jobRunNow }, permission: "alerts:manage" },
  async ({ db, params, actor }) => ({
    outcome: await runJobNow(db, { name: params.name ?? "" }, actor),
  }),
);
