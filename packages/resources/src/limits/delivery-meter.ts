/** How far back the delivered rate is measured, in ms. */
const WINDOW_MS = 2_000;
/** The rate is trusted only once the meter has watched this long (so a server's opening burst has left the window). */
const WARM_UP_MS = 3_000;

/**
 * Measures how many requests per minute the server actually accepted over the last two seconds: when a client
 * sends more than the server's limit, this is the limit. Untrusted (undefined) until it has watched three seconds.
 */
export class DeliveryMeter {
  private readonly times: number[] = [];
  private first: number | undefined;

  /** Records an accepted request at `now`. */
  record(now: number): void {
    this.first ??= now;
    this.times.push(now);
    this.prune(now);
  }

  /** Accepted requests per minute over the window, once warmed up. */
  perMinute(now: number): number | undefined {
    if (this.first === undefined || now - this.first < WARM_UP_MS) return undefined;
    this.prune(now);
    return (this.times.length * 60_000) / WINDOW_MS;
  }

  private prune(now: number): void {
    let drop = 0;
    while (drop < this.times.length && (this.times[drop] as number) <= now - WINDOW_MS) drop++;
    if (drop > 0) this.times.splice(0, drop);
  }
}
