// Bounds outgoing requests overall and per host. Requests wait in one queue per host and a free
// slot goes to the next host with room, so a slow or hanging responder only ever holds its own
// per-host slots: every other host keeps being served.

type Task = () => void;

export type SchedulerStats = { maxInFlight: number; maxInFlightByHost: Record<string, number>; requests: number };

export class RequestScheduler {
  private readonly queues = new Map<string, Task[]>();
  private readonly inFlightByHost = new Map<string, number>();
  private readonly maxByHost = new Map<string, number>();
  private inFlight = 0;
  private maxInFlight = 0;
  private requests = 0;
  /** hosts are served round-robin so a host with a long queue cannot starve the others */
  private cursor = 0;

  constructor(private readonly limits: { concurrency: number; perHostConcurrency: number }) {
    if (limits.concurrency < 1 || limits.perHostConcurrency < 1)
      throw new RangeError("concurrency limits must be at least 1");
  }

  run<T>(host: string, fn: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const task: Task = () => {
        Promise.resolve()
          .then(fn)
          .then(resolve, reject)
          .finally(() => this.release(host));
      };
      const queue = this.queues.get(host);
      if (queue) queue.push(task);
      else this.queues.set(host, [task]);
      this.pump();
    });
  }

  stats(): SchedulerStats {
    return {
      maxInFlight: this.maxInFlight,
      maxInFlightByHost: Object.fromEntries(this.maxByHost),
      requests: this.requests,
    };
  }

  private release(host: string) {
    this.inFlight--;
    this.inFlightByHost.set(host, (this.inFlightByHost.get(host) ?? 1) - 1);
    this.pump();
  }

  private pump() {
    let idle = 0;
    while (this.inFlight < this.limits.concurrency && this.queues.size > 0 && idle < this.queues.size) {
      const hosts = [...this.queues.keys()];
      const host = hosts[this.cursor++ % hosts.length];
      const busy = this.inFlightByHost.get(host) ?? 0;
      if (busy >= this.limits.perHostConcurrency) {
        idle++;
        continue;
      }
      idle = 0;
      const queue = this.queues.get(host)!;
      const task = queue.shift()!;
      if (queue.length === 0) this.queues.delete(host);
      this.inFlight++;
      this.requests++;
      this.inFlightByHost.set(host, busy + 1);
      this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
      this.maxByHost.set(host, Math.max(this.maxByHost.get(host) ?? 0, busy + 1));
      task();
    }
  }
}
