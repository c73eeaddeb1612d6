/**
 * Cloudflare's published prices for what a verification spends on Workers Paid, beyond each product's monthly
 * allowance (the plan's $5 a month and its included usage are left out: the figures are the marginal cost of
 * one more million verifications). Read 2026-12-03 from stored copies of Cloudflare's documentation pages
 * (their source is the cloudflare-docs repository's partials, named with each price).
 */
export interface Price {
  /** What is billed. */
  item: string;
  usd: number;
  /** What `usd` pays for. */
  per: string;
  unitsPer: number;
  source: string;
}

export const PRICES_READ_ON = "2026-12-03";

export const CLOUDFLARE_PRICES = {
  /** "10 million included per month + $0.30 per additional million" (Workers Standard). */
  workerRequest: {
    item: "Workers requests",
    usd: 0.3,
    per: "million requests",
    unitsPer: 1_000_000,
    source: "https://developers.cloudflare.com/workers/platform/pricing/",
  },
  /** "30 million CPU milliseconds included per month + $0.02 per additional million CPU milliseconds". */
  workerCpuMs: {
    item: "Workers CPU time",
    usd: 0.02,
    per: "million CPU ms",
    unitsPer: 1_000_000,
    source: "https://developers.cloudflare.com/workers/platform/pricing/",
  },
  /** "1 million, + $0.15/million", each RPC method call on a stub being one request (durable_objects_pricing). */
  durableObjectRequest: {
    item: "Durable Object requests",
    usd: 0.15,
    per: "million requests",
    unitsPer: 1_000_000,
    source: "https://developers.cloudflare.com/durable-objects/platform/pricing/",
  },
  /** "400,000 GB-s, + $12.50/million GB-s", billed for 128 MB per object while active. */
  durableObjectGbSecond: {
    item: "Durable Object duration",
    usd: 12.5,
    per: "million GB-s",
    unitsPer: 1_000_000,
    source: "https://developers.cloudflare.com/durable-objects/platform/pricing/",
  },
  /** "First 50 million / month included + $1.00 / million rows" written (d1-pricing). */
  d1RowWritten: {
    item: "D1 rows written",
    usd: 1,
    per: "million rows written",
    unitsPer: 1_000_000,
    source: "https://developers.cloudflare.com/d1/platform/pricing/",
  },
  /** "10 million/month, + $0.50/million" read requests (kv_pricing). */
  kvRead: {
    item: "KV reads",
    usd: 0.5,
    per: "million reads",
    unitsPer: 1_000_000,
    source: "https://developers.cloudflare.com/kv/platform/pricing/",
  },
  /** "1,000,000 operations/month included + $0.40/million operations", one per 64 KB written, read or deleted. */
  queueOperation: {
    item: "Queue operations",
    usd: 0.4,
    per: "million operations",
    unitsPer: 1_000_000,
    source: "https://developers.cloudflare.com/queues/platform/pricing/",
  },
} as const satisfies Record<string, Price>;

export type PricedItem = keyof typeof CLOUDFLARE_PRICES;

/** Memory a Durable Object is billed for, whatever it uses (durable_objects_pricing, footnote 5). */
export const DURABLE_OBJECT_GB = 128 / 1024;
