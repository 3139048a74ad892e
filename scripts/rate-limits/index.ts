export { type GroupFloor, groupFloors, shareOfLimit } from './floor';
export { GroupBuckets } from './group-buckets';
export { type EndpointGroup, endpointGroup, TENANT_LIMITS } from './groups';
export { type RateLimitState, rateLimitHeaders, readRateLimitHeaders } from './headers';
export { type BucketLimit, TokenBucket } from './token-bucket';
