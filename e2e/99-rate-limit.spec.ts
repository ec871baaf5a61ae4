import http from "node:http";
import { randomInt } from "node:crypto";
import { baseURL } from "./helpers";
import { expect, test } from "./fixtures";
import { LOGIN_ATTEMPTS_PER_MINUTE } from "./limits";

// Password sign-in is rate limited per client address. This spec exhausts the budget of an
// address of its own, so it cannot starve the other specs (which sign in from 127.0.0.1) and may
// run in any order. Linux answers the whole of 127.0.0.0/8 on the loopback interface: the attempts
// leave from a random 127.x.y.z (never 127.0.0.x) AND name it in X-Forwarded-For. The limiter
// therefore counts them apart whether it keys on the forwarded header (today: better-auth's
// ipAddressHeaders) or on the socket's peer address (when forwarded headers are trusted only from
// SIGNET_TRUSTED_PROXIES), and, with loopback named as a trusted proxy, both name the same address.
const OWN_ADDRESS = `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;

type Attempt = { status: number; localAddress: string | undefined };

/** One wrong-password sign-in, sent from `from` (a local address) or, without it, from 127.0.0.1. */
function wrongPasswordSignIn(attempt: number, from?: string): Promise<Attempt> {
  const body = JSON.stringify({ email: "nobody@example.test", password: `guess-number-${attempt}` });
  const headers: http.OutgoingHttpHeaders = { "content-type": "application/json", "content-length": Buffer.byteLength(body), origin: baseURL };
  if (from) headers["x-forwarded-for"] = from;
  return new Promise((resolve, reject) => {
    const req = http.request(new URL("/api/auth/sign-in/email", baseURL), { method: "POST", headers, localAddress: from, agent: false }, (res) => {
      const localAddress = res.socket.localAddress;
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, localAddress }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

test("password sign-in is rate limited per client and the attempt after the limit gets 429", async () => {
  // every wrong password is hashed: 125 attempts take ~1.5 min on a busy machine
  test.setTimeout(300_000);
  const attempts: Attempt[] = [];
  for (let i = 0; i < LOGIN_ATTEMPTS_PER_MINUTE + 5; i++) attempts.push(await wrongPasswordSignIn(i, OWN_ADDRESS));
  expect(new Set(attempts.map((a) => a.localAddress)), "every attempt left from the spec's own address").toEqual(new Set([OWN_ADDRESS]));

  // a fresh address: exactly the budget is answered, then everything is refused until the window ends
  const statuses = attempts.map((a) => a.status);
  expect(statuses.slice(0, LOGIN_ATTEMPTS_PER_MINUTE).every((s) => s === 401), `first ${LOGIN_ATTEMPTS_PER_MINUTE}: ${statuses.join(" ")}`).toBe(true);
  expect(statuses.slice(LOGIN_ATTEMPTS_PER_MINUTE)).toEqual(Array(5).fill(429));

  // the other specs' address still gets an answer on the password, not 429
  expect((await wrongPasswordSignIn(-1)).status).toBe(401);
});
