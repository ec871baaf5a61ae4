// A worker for worker.test.ts: lowers its own priority as parse workers do, and says what it became.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parentPort } from "node:worker_threads";
import { runAtBackgroundPriority } from "../worker";

const tid = Number(path.basename(fs.readlinkSync("/proc/thread-self")));
runAtBackgroundPriority();
parentPort!.postMessage({ tid, priority: os.getPriority(tid) });
