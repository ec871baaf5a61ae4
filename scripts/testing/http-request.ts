import http from "node:http";

// One HTTP request to the app on 127.0.0.1, without keep-alive, for the tests that drive the built
// server: the whole body as text, whatever the status.

export type HttpRequestOptions = {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** the local address the request leaves from (any of 127.0.0.0/8 on Linux) */
  localAddress?: string;
};

export function httpRequest(port: number, options: HttpRequestOptions) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }>((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        method: options.method ?? "GET",
        path: options.path,
        headers: options.headers,
        localAddress: options.localAddress,
        agent: false,
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}
