/**
 * The one thing the Redis store needs from a client: run a raw command. Both `ioredis`
 * (`client.call(...)`) and node-redis v4/v5 (`client.sendCommand([...])`) do.
 */
export interface RedisCommander {
  /** Runs one Redis command, e.g. `["SET", key, value, "NX"]`, and returns its reply. */
  command(args: readonly string[]): Promise<unknown>;
}

/** The part of an `ioredis` client (`Redis` or `Cluster`) the adapter uses. */
export interface IoredisLike {
  call(command: string, ...args: (string | number)[]): Promise<unknown>;
}

/** The part of a node-redis v4/v5 client the adapter uses. */
export interface NodeRedisLike {
  sendCommand(args: string[]): Promise<unknown>;
}

/** Adapts an `ioredis` client. */
export function fromIoredis(client: IoredisLike): RedisCommander {
  return {
    command: ([name, ...args]) => client.call(name as string, ...args),
  };
}

/** Adapts a node-redis v4/v5 client (`createClient()` of `redis`). */
export function fromNodeRedis(client: NodeRedisLike): RedisCommander {
  return { command: (args) => client.sendCommand([...args]) };
}

/**
 * Adapts either client, told apart by their methods: ioredis has `call` and a `status` string,
 * node-redis has `sendCommand`. Anything else with a `command(args)` method is taken as a
 * {@link RedisCommander}.
 *
 * @throws `TypeError` for anything else.
 */
export function toRedisCommander(client: unknown): RedisCommander {
  const c = client as Partial<IoredisLike & NodeRedisLike> & {
    status?: unknown;
    command?: unknown;
  };
  if (typeof c !== "object" || c === null) throw new TypeError("client must be a Redis client");
  if (typeof c.call === "function" && typeof c.status === "string")
    return fromIoredis(c as IoredisLike);
  if (typeof c.sendCommand === "function") return fromNodeRedis(c as NodeRedisLike);
  if (typeof c.call === "function") return fromIoredis(c as IoredisLike);
  if (typeof c.command === "function") return c as RedisCommander;
  throw new TypeError("client must be an ioredis or node-redis client (call or sendCommand)");
}
