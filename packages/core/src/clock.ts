/**
 * The client's idea of the server's time. On `RequestTimeTooSkewed` the client learns the
 * offset from the response's `Date` header; every later signature — concurrent ones included,
 * since they all read this one object — uses the corrected time.
 */
export class Clock {
  #offsetMs = 0;

  /** Milliseconds to add to the local clock to get the server's. */
  get offsetMs(): number {
    return this.#offsetMs;
  }

  /** The current time, corrected. */
  now(): Date {
    return new Date(Date.now() + this.#offsetMs);
  }

  /**
   * Learns the offset from a server `Date` header (RFC 1123), received at local time
   * `receivedAt`. Ignores unparseable dates. Returns whether the offset changed.
   */
  learn(serverDate: string | undefined, receivedAt = Date.now()): boolean {
    if (!serverDate) return false;
    const server = Date.parse(serverDate);
    if (Number.isNaN(server)) return false;
    const offset = server - receivedAt;
    if (Math.abs(offset - this.#offsetMs) < 1000) return false;
    this.#offsetMs = offset;
    return true;
  }
}
