import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { TrustedProxies } from "../lib/http/request-guard.mjs";
export declare function createRequestListener(
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  options: { trustedProxies: TrustedProxies; isHttps?: boolean },
): (req: IncomingMessage, res: ServerResponse) => void;
export declare function startServer(options: { port: number; hostname?: string; dev?: boolean }): Promise<Server>;
