import net from "node:net";

/**
 * Ports on 127.0.0.1 that nothing listens on, as the kernel hands them out for port 0: for a test
 * that starts the app and must tell it its own address (SIGNET_BASE_URL) before it listens. Test
 * files running side by side each get their own, where fixed numbers collided. All `count` are
 * held open together, so they differ. They are free again when this answers: the kernel picks a
 * port for the next asker at random among thousands, so another file's server lands on the same
 * one only by a rare chance (against certainty with two files on one fixed number).
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<net.Server>((resolve, reject) => {
          const server = net.createServer();
          server.once("error", reject);
          server.listen(0, "127.0.0.1", () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}
