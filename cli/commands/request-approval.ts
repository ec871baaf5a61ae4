import { parseArgs } from "node:util";
import { EXIT, UsageError, type Command, type Io } from "../io";

// `signet request-approval`: asks for a window on a just-in-time signing grant (POST
// /api/v1/approvals). Someone other than the requester and the pipeline's triggering human
// approves it, in Signet or from the email the signer's owners receive; the release gate allows
// the grant only inside the approved window.

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
  summary: "ask for an approved window on a just-in-time signing grant",
  help: HELP,
  run: runRequestApproval,
};

function parse(args: string[]) {
  try {
    return parseArgs({
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
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
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
  const env = process.env;
  if (!v.environment) throw new UsageError("give --environment");
  const hours = Number(v.hours);
  if (!Number.isInteger(hours) || hours < 1) throw new UsageError("give --hours, a whole number of hours");
  if (!v.reason?.trim()) throw new UsageError("give --reason (the release the window is for)");
  const base = v.url ?? env.SIGNET_URL;
  if (!base || !/^https?:\/\//.test(base))
    throw new UsageError("give Signet's address: --url or SIGNET_URL (http(s)://…)");
  const token = env.SIGNET_TOKEN;
  if (!token) throw new UsageError("set SIGNET_TOKEN to an API token with the scope approvals");
  const body = {
    signer: v.signer,
    environment: v.environment,
    scope: v.scope,
    hours,
    startsAt: v["starts-at"],
    reason: v.reason,
    triggeredBy: v["triggered-by"] ?? env.GITHUB_ACTOR ?? env.GITLAB_USER_LOGIN ?? env.BUILD_REQUESTEDFOR,
  };
  let res: Response;
  try {
    res = await fetch(new URL("/api/v1/approvals", base), {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (e) {
    const err = e as Error & { cause?: { code?: string } };
    io.stderr(`signet request-approval: Signet could not be reached (${err.cause?.code ?? err.message})`);
    return 3;
  }
  const payload = (await res.json().catch(() => null)) as (Answer & { error?: { message: string } }) | null;
  if (res.status >= 500) {
    io.stderr(`signet request-approval: Signet answered HTTP ${res.status}`);
    return 3;
  }
  if (!res.ok || !payload?.id) {
    io.stderr(`signet request-approval: refused (HTTP ${res.status}): ${payload?.error?.message ?? "no answer"}`);
    return EXIT.failed;
  }
  if (v.json) io.stdout(JSON.stringify(payload));
  else {
    io.stdout(`PENDING: approval request ${payload.id} for ${payload.scope}@${v.environment}`);
    io.stdout(`  window ${payload.windowStartsAt} to ${payload.windowEndsAt}; ${payload.notified} approver(s) emailed`);
    io.stdout(`  open ${new URL(`/approvals/${payload.id}`, base).toString()}`);
  }
  return EXIT.ok;
}
