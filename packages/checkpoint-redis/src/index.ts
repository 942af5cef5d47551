/**
 * A Redis checkpoint store for `@oss-kit/upload`: namespaced keys with a TTL, leases with
 * `SET NX PX`, working with `ioredis` and node-redis clients alike.
 *
 * @packageDocumentation
 */

export {
  fromIoredis,
  fromNodeRedis,
  type IoredisLike,
  type NodeRedisLike,
  type RedisCommander,
  toRedisCommander,
} from "./adapter";
export { RedisCheckpointStore, type RedisCheckpointStoreOptions } from "./redis-store";
