import os from "node:os";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { startWorker } from "./worker";

describe.runIf(process.platform === "linux")("runAtBackgroundPriority", () => {
  it("lowers the calling thread's priority only, not the process's", async () => {
    const before = os.getPriority(process.pid);
    const worker = startWorker("lib/threads/testing/priority-probe-main.ts");
    try {
      const [{ tid, priority }] = (await once(worker, "message")) as [{ tid: number; priority: number }];
      expect(tid).not.toBe(process.pid);
      expect(priority).toBe(Math.max(before, 10));
      expect(os.getPriority(process.pid)).toBe(before);
    } finally {
      await worker.terminate();
    }
  }, 30_000);
});
