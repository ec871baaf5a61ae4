import fs from "node:fs";
import { parseCommandLine, UsageError, type Command, type Io } from "../io";
import { postJson, serverOf, triggeringHuman } from "./scan-server";

// `signet gate`: asks Signet's release gate (POST /api/v1/gate) whether this pipeline may sign, or
// promote this signed artifact, to an environment now. For CI: exit 0 on allow or warn, 1 on deny.
// When Signet cannot be reached (network error, timeout, 5xx) it fails closed (exit 3) unless
// --fail-open is given (exit 0), and says which. A refused request (bad token, bad input) always
// fails closed: that is a misconfiguration, not an outage.

const SUMMARY = "ask the release gate whether a signer may sign or an artifact may be promoted (CI step)";
const HELP = `Usage: signet gate --environment <env> [--action sign|promote]
                   (--signer <id or name> | --certificate <sha256 or PEM file> | --artifact-digest <sha256:…>)
                   [--scope <grant scope>] [--triggered-by <person>] [--artifact-type <type>]
                   [--url <Signet URL>] [--timeout <seconds>] [--fail-open] [--json]

Asks the release gate whether the signer may sign (action sign, the default), or the signed
artifact may be promoted (action promote), to the environment now. A token bound to one signer
may leave out --signer.

Environment:
  SIGNET_URL      Signet's address (or --url), e.g. https://signet.example.com
  SIGNET_TOKEN    an API token with the scope "gate" (never pass tokens on the command line)
  --triggered-by defaults to the CI's actor: GITHUB_ACTOR, GITLAB_USER_LOGIN or BUILD_REQUESTEDFOR

Options:
  --fail-open     when Signet cannot be reached, allow (exit 0) instead of failing closed
  --json          print the decision as JSON on stdout
  --timeout <s>   give up after this many seconds (default 10)
  -h, --help      show this help

Exit status: 0 allow or warn, 1 deny, 2 usage error, 3 Signet unreachable or the request was
refused (fail closed; with --fail-open an unreachable Signet exits 0).`;

export const GATE_EXIT = { allow: 0, deny: 1, usage: 2, unavailable: 3 } as const;

type Reason = { ruleId: string; effect: string; message: string; howToFix: string };
type Answer = { decision: "allow" | "warn" | "deny"; decisionId: string; policyVersion: number; reasons: Reason[] };

export const gateCommand: Command = { name: "gate", summary: SUMMARY, help: HELP, run: runGate };

function parse(args: string[]) {
  return parseCommandLine({
    args,
    options: {
      environment: { type: "string" },
      action: { type: "string", default: "sign" },
      signer: { type: "string" },
      certificate: { type: "string" },
      "artifact-digest": { type: "string" },
      scope: { type: "string" },
      "triggered-by": { type: "string" },
      "artifact-type": { type: "string" },
      url: { type: "string" },
      timeout: { type: "string", default: "10" },
      "fail-open": { type: "boolean", default: false },
      json: { type: "boolean", default: false },
    },
    strict: true,
  }).values;
}

async function runGate(args: string[], io: Io): Promise<number> {
  const v = parse(args);
  if (!v.environment) throw new UsageError("give --environment");
  if (v.action !== "sign" && v.action !== "promote") throw new UsageError("--action is sign or promote");
  const server = serverOf(v.url, "gate", "--url");
  const timeoutSeconds = Number(v.timeout);
  if (!(timeoutSeconds > 0)) throw new UsageError("--timeout is a number of seconds");
  const certificate =
    v.certificate && fs.existsSync(v.certificate) ? fs.readFileSync(v.certificate, "utf8") : v.certificate;
  const body = {
    environment: v.environment,
    action: v.action,
    signer: v.signer,
    certificate,
    artifactDigest: v["artifact-digest"],
    scope: v.scope,
    triggeredBy: triggeringHuman(v["triggered-by"]),
    artifactType: v["artifact-type"],
  };
  const isFailOpen = v["fail-open"] === true;
  const unreachable = (why: string) => {
    io.stderr(
      isFailOpen
        ? `signet gate: Signet could not be reached (${why}); --fail-open: allowing WITHOUT a decision`
        : `signet gate: Signet could not be reached (${why}); failing closed (use --fail-open to allow when Signet is down)`,
    );
    return isFailOpen ? GATE_EXIT.allow : GATE_EXIT.unavailable;
  };
  const answer = await postJson<Answer>(server, "/api/v1/gate", body, timeoutSeconds * 1000);
  if ("unreachable" in answer) return unreachable(answer.unreachable);
  if (answer.status >= 500) return unreachable(`HTTP ${answer.status}`);
  const { payload } = answer;
  if (!answer.ok || !payload || !payload.decision) {
    io.stderr(
      `signet gate: the gate refused the request (HTTP ${answer.status}): ${payload?.error?.message ?? "no answer"}; failing closed`,
    );
    return GATE_EXIT.unavailable;
  }
  if (v.json) io.stdout(JSON.stringify(payload));
  else {
    io.stdout(
      `${payload.decision.toUpperCase()}: ${v.action} to ${v.environment} (decision ${payload.decisionId}, policy version ${payload.policyVersion})`,
    );
    for (const r of payload.reasons) {
      io.stdout(`  ${r.effect.padEnd(8)} ${r.ruleId}: ${r.message}`);
      if (r.effect !== "excepted") io.stdout(`           fix: ${r.howToFix}`);
    }
  }
  return payload.decision === "deny" ? GATE_EXIT.deny : GATE_EXIT.allow;
}
