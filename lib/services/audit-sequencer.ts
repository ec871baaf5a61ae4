import { linkPending } from "@/lib/db/audit/chain";
import type { Db } from "@/lib/db/client";

// The audit chain's sequencer in this process: links the pending events (lib/db/audit/chain.ts)
// that a hot path wrote, right after the write commits, without the writer waiting for it. Events
// written while a run is under way wait for the next run, so under a steady stream of gate
// decisions each run links a batch in one transaction and the chain's lock is taken once per batch
// instead of once per decision. It links the ids it was given (primary-key reads: the rows left
// pending by a stopped process are the audit.link job's). Several processes may each run one: the
// chain's lock serialises them.

type State = { ids: string[]; running: Promise<void> | null };

const states = new WeakMap<Db, State>();
/** the runs under way, whichever client they link through */
const runs = new Set<Promise<void>>();

/** Links the pending event `id` (committed) soon; never throws (a failure is logged; the job retries). */
export function linkPendingSoon(db: Db, id: string): void {
  const state = stateOf(db);
  state.ids.push(id);
  if (state.running) return;
  const running = run(db, state);
  state.running = running;
  runs.add(running);
  void running.finally(() => runs.delete(running));
}

/** Resolves when this process's sequencer has nothing left to do, on every client (tests wait for it). */
export async function whenLinked(): Promise<void> {
  while (runs.size > 0) await Promise.all(runs);
}

function stateOf(db: Db): State {
  let state = states.get(db);
  if (!state) states.set(db, (state = { ids: [], running: null }));
  return state;
}

/** ids per run: one IN list, one transaction */
const BATCH = 1_000;

async function run(db: Db, state: State): Promise<void> {
  try {
    while (state.ids.length > 0) {
      const ids = state.ids.splice(0, BATCH);
      await linkPending(db, ids);
    }
  } catch (error) {
    state.ids.length = 0;
    console.error("[signet] audit sequencer: linking pending events failed (the audit.link job retries):", error);
  } finally {
    state.running = null;
  }
}
