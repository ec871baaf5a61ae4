import { describe, expect, it } from "vitest";
import { RequestScheduler } from "@/lib/revocation/scheduler";

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const tick = () => new Promise((r) => setImmediate(r));

describe("RequestScheduler", () => {
  it("never exceeds the overall and per-host limits", async () => {
    const s = new RequestScheduler({ concurrency: 3, perHostConcurrency: 2 });
    const gates = new Map<string, ReturnType<typeof deferred>>();
    const started: string[] = [];
    const runs = ["a1", "a2", "a3", "b1", "b2", "c1"].map((id) =>
      s.run(id[0], () => {
        started.push(id);
        const g = deferred();
        gates.set(id, g);
        return g.promise;
      }),
    );
    await tick();
    expect(started.length).toBe(3);
    expect(started.filter((id) => id.startsWith("a")).length).toBeLessThanOrEqual(2);
    for (const g of [...gates.values()]) g.resolve();
    await tick();
    for (let i = 0; i < 5; i++) {
      for (const g of [...gates.values()]) g.resolve();
      await tick();
    }
    await Promise.all(runs);
    expect(started.sort()).toEqual(["a1", "a2", "a3", "b1", "b2", "c1"]);
    expect(s.stats()).toMatchObject({ maxInFlight: 3, requests: 6, maxInFlightByHost: { a: 2, b: 2, c: 1 } });
  });

  it("serves other hosts while one host's slots are all stuck", async () => {
    const s = new RequestScheduler({ concurrency: 4, perHostConcurrency: 2 });
    const stuck = deferred();
    const slow = Array.from({ length: 10 }, () => s.run("slow", () => stuck.promise));
    const fast = await Promise.all(Array.from({ length: 5 }, (_, i) => s.run("fast", async () => i)));
    expect(fast).toEqual([0, 1, 2, 3, 4]);
    expect(s.stats().maxInFlightByHost.slow).toBe(2);
    stuck.resolve();
    await Promise.all(slow);
  });

  it("turns a synchronous throw into a rejection and frees the slot", async () => {
    const s = new RequestScheduler({ concurrency: 1, perHostConcurrency: 1 });
    await expect(
      s.run("h", () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    await expect(s.run("h", async () => "next")).resolves.toBe("next");
  });

  it("refuses limits below 1", () => {
    expect(() => new RequestScheduler({ concurrency: 0, perHostConcurrency: 1 })).toThrow(RangeError);
  });
});
