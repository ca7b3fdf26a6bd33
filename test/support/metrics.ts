// Reading /metrics as Prometheus does: a scrape with (or without) the bearer token, and one sample's value.
import { args } from "./routes";

/** GET /metrics through the route's loader, with `Authorization: Bearer <token>` unless token is null. */
export async function scrape(token: string | null): Promise<Response> {
  // Imported here: the test file sets METRICS_TOKEN before the app's modules load.
  const { loader } = await import("~/routes/metrics");
  const headers: Record<string, string> = token
    ? { Authorization: `Bearer ${token}` }
    : {};
  return loader(args(new Request("https://app.example/metrics", { headers })));
}

/** The body of an authorised scrape. */
export const scrapeText = async (token: string) => (await scrape(token)).text();

/** The value of one sample line, e.g. sample(text, 'vitrine_queue_jobs{queue="sync-feeds",state="waiting"}'). */
export function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.split(" ").pop());
}
