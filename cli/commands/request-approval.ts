import { EXIT, parseCommandLine, UsageError, type Command, type Io } from "../io";
import { postJson, serverOf, triggeringHuman } from "./scan-server";

// `signet request-approval`: asks for a window on a just-in-time signing grant (POST
// /api/v1/approvals). Someone other than the requester and the pipeline's triggering human
// approves it, in Signet or from the email the signer's owners receive; the release gate allows
// the grant only inside the approved window.

const SUMMARY = "ask for an approved window on a just-in-time signing grant";
const HELP = `Usage: signet request-approval --environment <env> --hours <n> --reason <text>
                   [--signer <id or name>] [--scope <grant scope>] [--starts-at <ISO time>]
                   [--triggered-by <person>] [--url <Signet URL>] [--json]

Asks for a window on the signer's just-in-time grant for the environment. A token bound to one
signer may leave out --signer. The policy caps the window (signers.approvalMaxHours, 8 by default).

Environment:
  SIGNET_URL      Signet's address (or --url)
  SIGNET_TOKEN    an API token with the scope "approvals" (never pass tokens on the command line)
  --triggered-by defaults to the CI's actor: GITHUB_ACTOR, GITLAB_USER_LOGIN or BUILD_REQUESTEDFOR;
  that person may not approve the request

Exit status: 0 the request is filed (pending), 1 Signet refused it, 2 usage error, 3 Signet unreachable.`;

export const requestApprovalCommand: Command = {
  name: "request-approval",
  summary: SUMMARY,
  help: HELP,
  run: runRequestApproval,
};

function parse(args: string[]) {
  return parseCommandLine({
    args,
    options: {
      environment: { type: "string" },
      hours: { type: "string" },
      reason: { type: "string" },
      signer: { type: "string" },
      scope: { type: "string" },
      "starts-at": { type: "string" },
      "triggered-by": { type: "string" },
      url: { type: "string" },
      json: { type: "boolean", default: false },
    },
    strict: true,
  }).values;
}

type Answer = {
  id: string;
  state: string;
  scope: string;
  windowStartsAt: string;
  windowEndsAt: string;
  notified: number;
};

async function runRequestApproval(args: string[], io: Io): Promise<number> {
  const v = parse(args);
  if (!v.environment) throw new UsageError("give --environment");
  const hours = Number(v.hours);
  if (!Number.isInteger(hours) || hours < 1) throw new UsageError("give --hours, a whole number of hours");
  if (!v.reason?.trim()) throw new UsageError("give --reason (the release the window is for)");
  const server = serverOf(v.url, "approvals", "--url");
  const body = {
    signer: v.signer,
    environment: v.environment,
    scope: v.scope,
    hours,
    startsAt: v["starts-at"],
    reason: v.reason,
    triggeredBy: triggeringHuman(v["triggered-by"]),
  };
  const answer = await postJson<Answer>(server, "/api/v1/approvals", body, 10_000);
  if ("unreachable" in answer) {
    io.stderr(`signet request-approval: Signet could not be reached (${answer.unreachable})`);
    return 3;
  }
  const { payload } = answer;
  if (answer.status >= 500) {
    io.stderr(`signet request-approval: Signet answered HTTP ${answer.status}`);
    return 3;
  }
  if (!answer.ok || !payload?.id) {
    io.stderr(`signet request-approval: refused (HTTP ${answer.status}): ${payload?.error?.message ?? "no answer"}`);
    return EXIT.failed;
  }
  if (v.json) io.stdout(JSON.stringify(payload));
  else {
    io.stdout(`PENDING: approval request ${payload.id} for ${payload.scope}@${v.environment}`);
    io.stdout(`  window ${payload.windowStartsAt} to ${payload.windowEndsAt}; ${payload.notified} approver(s) emailed`);
    io.stdout(`  open ${new URL(`/approvals/${payload.id}`, server.base).toString()}`);
  }
  return EXIT.ok;
}
