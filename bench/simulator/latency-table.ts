/**
 * Round-trip times between the places the simulated deployment spans, from one published table:
 *
 *   Microsoft, "Azure network round-trip latency statistics",
 *   https://learn.microsoft.com/en-us/azure/networking/azure-network-latency
 *   (source: github.com/MicrosoftDocs/azure-docs, articles/networking/azure-network-latency.md).
 *   What it measures: the monthly P50 of round trips between Azure regions, probed every minute over
 *   Microsoft's backbone, in milliseconds; "the current dataset was taken on April 9th, 2024, and it covers
 *   the 30-day period ending on April 9th, 2024". Each cell is directed: the source region's row, the
 *   destination region's column. Read 2026-12-03.
 *
 * Each Cloudflare location stands for the Azure region in or nearest its city, which assumes a Cloudflare
 * data centre reaches another city about as fast as Azure's backbone does (Cloudflare publishes no such
 * table). Mumbai is Azure's Central India, in Pune, about 120 km away: the table has no source row for West
 * India (Mumbai). Jakarta and Bangkok, where Cloudflare has data centres, are left out: the table has no
 * Azure region there, and no other figures are mixed in.
 */

export interface Location {
  /** Cloudflare's code for the data centre (the airport's IATA code). */
  code: string;
  city: string;
  /** The Azure region whose figures stand for it. */
  azureRegion: string;
}

export const LOCATIONS = [
  { code: "SIN", city: "Singapore", azureRegion: "Southeast Asia" },
  { code: "HKG", city: "Hong Kong", azureRegion: "East Asia" },
  { code: "NRT", city: "Tokyo", azureRegion: "Japan East" },
  { code: "BOM", city: "Mumbai", azureRegion: "Central India (Pune)" },
  { code: "SYD", city: "Sydney", azureRegion: "Australia East" },
  { code: "FRA", city: "Frankfurt", azureRegion: "Germany West Central" },
  { code: "LHR", city: "London", azureRegion: "UK South" },
  { code: "IAD", city: "Ashburn, Virginia", azureRegion: "East US" },
  { code: "GRU", city: "São Paulo", azureRegion: "Brazil South" },
] as const satisfies readonly Location[];

export type LocationCode = (typeof LOCATIONS)[number]["code"];

/**
 * The published P50 round trips, in ms: PUBLISHED_RTT_MS[from][to] is the table's row `from` (source) and
 * column `to` (destination), copied cell by cell.
 */
export const PUBLISHED_RTT_MS: Record<LocationCode, Partial<Record<LocationCode, number>>> = {
  SIN: { HKG: 36, NRT: 72, BOM: 53, SYD: 90, FRA: 156, LHR: 157, IAD: 227, GRU: 343 },
  HKG: { SIN: 36, NRT: 48, BOM: 83, SYD: 119, FRA: 186, LHR: 187, IAD: 204, GRU: 331 },
  NRT: { SIN: 71, HKG: 48, BOM: 120, SYD: 103, FRA: 223, LHR: 226, IAD: 158, GRU: 280 },
  BOM: { SIN: 54, HKG: 84, NRT: 121, SYD: 140, FRA: 134, LHR: 134, IAD: 210, GRU: 311 },
  SYD: { SIN: 90, HKG: 120, NRT: 103, BOM: 140, FRA: 243, LHR: 258, IAD: 204, GRU: 311 },
  FRA: { SIN: 156, HKG: 186, NRT: 224, BOM: 133, SYD: 243, LHR: 17, IAD: 90, GRU: 192 },
  LHR: { SIN: 157, HKG: 188, NRT: 226, BOM: 134, SYD: 258, FRA: 17, IAD: 78, GRU: 180 },
  IAD: { SIN: 223, HKG: 203, NRT: 157, BOM: 207, SYD: 202, FRA: 88, LHR: 77, GRU: 117 },
  GRU: { SIN: 340, HKG: 329, NRT: 281, BOM: 310, SYD: 310, FRA: 193, LHR: 180, IAD: 118 },
};

/**
 * Within one city. Not from the table (it leaves a region's own cell empty): an assumption for a call from
 * a Cloudflare data centre to a Durable Object or an API endpoint in the same metropolitan area.
 */
export const SAME_CITY_RTT_MS = 2;

/**
 * The round trip between two locations: the mean of the table's two directions (they differ by at most a
 * few ms), so the simulator's network is symmetric.
 */
export function rttMs(from: LocationCode, to: LocationCode): number {
  if (from === to) return SAME_CITY_RTT_MS;
  const there = PUBLISHED_RTT_MS[from][to];
  const back = PUBLISHED_RTT_MS[to][from];
  if (there === undefined || back === undefined) throw new Error(`no round trip ${from}-${to} in the table`);
  return (there + back) / 2;
}

/**
 * Where the quota object and Tencent are: the deployment calls FaceID in ap-singapore (TENCENT_REGION), and
 * the object is created with locationHint "apac", which places it in the region's data centres (Singapore
 * here: an assumption, as Cloudflare chooses the data centre within the hint).
 */
export const TENCENT_LOCATION: LocationCode = "SIN";
export const OBJECT_LOCATION: LocationCode = "SIN";
