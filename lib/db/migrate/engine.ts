import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";
import { MigrationError, errorMessage } from "./errors";

// Loads Prisma's schema engine compiled to WebAssembly (the native engine cannot be downloaded
// on our machines) and runs one operation with it against a driver adapter.

type Bindings = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");

let bindingsPromise: Promise<Bindings> | undefined;

/** The wasm-bindgen glue holds one module-level instance, so instantiate once per process. */
function loadBindings(): Promise<Bindings> {
  bindingsPromise ??= instantiate().catch((error: unknown) => {
    bindingsPromise = undefined;
    throw new MigrationError(`cannot load the Prisma schema engine (wasm): ${errorMessage(error)}`, { cause: error });
  });
  return bindingsPromise;
}

async function instantiate(): Promise<Bindings> {
  // createRequire rather than import.meta.resolve: the latter is missing under vitest's runner
  const require = createRequire(import.meta.url);
  const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const glue = (await import(pathToFileURL(gluePath).href)) as Bindings;
  const wasm = await WebAssembly.compile(fs.readFileSync(path.join(path.dirname(gluePath), "schema_engine_bg.wasm")));
  const instance = await WebAssembly.instantiate(wasm, { "./schema_engine_bg.js": withUnrefTimers(glue) });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return glue;
}

/**
 * The engine arms timeouts (e.g. 10 s for PostgreSQL's advisory lock) and never clears them, which
 * would keep a finished process alive. Its timers are unref'd; `withEngine` holds the event loop
 * open itself while an operation runs, so no pending engine work is cut short.
 */
function withUnrefTimers(glue: Bindings): WebAssembly.ModuleImports {
  const imports: WebAssembly.ModuleImports = { ...(glue as unknown as WebAssembly.ModuleImports) };
  for (const [name, value] of Object.entries(imports)) {
    if (!name.startsWith("__wbg_setTimeout_") || typeof value !== "function") continue;
    imports[name] = (...args: unknown[]) => {
      const timer = (value as (...a: unknown[]) => unknown)(...args) as { unref?: () => void } | undefined;
      timer?.unref?.();
      return timer;
    };
  }
  return imports;
}

export type EngineOptions = {
  factory: SqlMigrationAwareDriverAdapterFactory;
  /** The provider's Prisma schema, when the operation needs the data model. */
  schema?: { path: string; content: string };
};

/** Runs `operation` with a fresh engine, then frees it and closes every connection it opened. */
export async function withEngine<T>(
  options: EngineOptions,
  operation: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const keepAlive = setInterval(() => {}, 1 << 30);
  const tracked = trackConnections(options.factory);
  let engine: SchemaEngine | undefined;
  try {
    const glue = await loadBindings();
    const datamodels: [string, string][] | undefined = options.schema
      ? [[options.schema.path, options.schema.content]]
      : undefined;
    engine = (await glue.SchemaEngine.new(
      { datamodels },
      engineLog,
      bindMigrationAwareSqlAdapterFactory(tracked),
    )) as SchemaEngine;
    return await operation(engine);
  } finally {
    engine?.free();
    await tracked.disposeAll();
    clearInterval(keepAlive);
  }
}

function engineLog(line: string): void {
  if (process.env.DEBUG_MIGRATE) process.stderr.write(`${line}\n`);
}

type TrackingFactory = SqlMigrationAwareDriverAdapterFactory & { disposeAll(): Promise<void> };

/** Remembers every connection the engine opens, so none is left behind (pg pools idle for 10 s). */
function trackConnections(factory: SqlMigrationAwareDriverAdapterFactory): TrackingFactory {
  const open = new Set<SqlDriverAdapter>();
  const track = (adapter: SqlDriverAdapter): SqlDriverAdapter => {
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      if (!open.delete(adapter)) return;
      await dispose();
    };
    open.add(adapter);
    return adapter;
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => track(await factory.connect()),
    connectToShadowDb: async () => track(await factory.connectToShadowDb()),
    disposeAll: async () => {
      for (const adapter of [...open]) await adapter.dispose().catch(() => {});
    },
  };
}
