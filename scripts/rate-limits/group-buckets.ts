/**
 * One token bucket per endpoint group Auth0 gives a limit of its own (groups.ts), made on the group's
 * first request. The local tenant's limiter holds them at Auth0's figures, the pacer at its share of them:
 * `scale` turns a group's documented limit into the bucket's.
 */
import type { EndpointGroup } from './groups';
import { type BucketLimit, TokenBucket } from './token-bucket';

export class GroupBuckets {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly now: () => number,
    private readonly scale: (limit: BucketLimit) => BucketLimit = (limit) => limit,
  ) {}

  /** The group's bucket, made now if this is its first request; undefined for a group with no limit. */
  bucketOf(group: EndpointGroup): TokenBucket | undefined {
    if (!group.limit) return undefined;
    let bucket = this.buckets.get(group.name);
    if (!bucket) {
      bucket = new TokenBucket(this.scale(group.limit), this.now);
      this.buckets.set(group.name, bucket);
    }
    return bucket;
  }

  /** The group's bucket if a request has made it (an answer for a call that took none leaves it be). */
  existing(group: EndpointGroup): TokenBucket | undefined {
    return this.buckets.get(group.name);
  }
}
