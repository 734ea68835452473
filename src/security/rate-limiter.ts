/**
 * A token bucket per caller, in memory: `perMinute` units, refilled evenly, bursts up to the same
 * number. A request takes `cost` units (1 by default; never more than the whole bucket).
 */

export type RateLimitDecision =
  | { allowed: true; remaining: number }
  | { allowed: false; retryAfterSeconds: number };

export type RateLimiter = {
  readonly perMinute: number;
  take(key: string, cost?: number): RateLimitDecision;
};

export type RateLimiterOptions = {
  perMinute: number;
  /** Milliseconds; Date.now by default (tests pass a clock). */
  now?: () => number;
  /** Buckets kept at most; the least recently used is dropped beyond it. */
  maxKeys?: number;
};

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const now = options.now ?? Date.now;
  const capacity = options.perMinute;
  const perMillisecond = options.perMinute / 60_000;
  const maxKeys = options.maxKeys ?? 10_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    perMinute: options.perMinute,
    take(key, cost = 1) {
      const units = Math.min(Math.max(cost, 0), capacity);
      const time = now();
      const bucket = buckets.get(key) ?? { tokens: capacity, at: time };
      buckets.delete(key);
      bucket.tokens = Math.min(
        capacity,
        bucket.tokens + Math.max(0, time - bucket.at) * perMillisecond,
      );
      bucket.at = time;
      buckets.set(key, bucket);
      if (buckets.size > maxKeys) {
        const oldest = buckets.keys().next().value;
        if (oldest !== undefined) buckets.delete(oldest);
      }
      if (bucket.tokens >= units) {
        bucket.tokens -= units;
        return { allowed: true, remaining: Math.floor(bucket.tokens) };
      }
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil((units - bucket.tokens) / perMillisecond / 1000)),
      };
    },
  };
}
