// Shopper-facing routes of a shop's domain (the storefront view) and the emulator clock control.
import { applyClockCommand, type ClockCommand } from "./clock";
import type { ShopifyEmulator } from "./emulator";
import { jsonResponse } from "./respond";
import {
  storefrontLocale,
  storefrontProduct,
  storefrontProducts,
} from "./storefront";

const NOT_FOUND = () =>
  jsonResponse({ status: 404, description: "Not Found" }, { status: 404 });

/** `GET /products/{handle}.js`, `/{locale}/products/{handle}.js` and `/products.json`; null for other paths. */
export function answerStorefront(
  emulator: ShopifyEmulator,
  domain: string,
  request: Request,
): Response | null {
  if (request.method !== "GET") return null;
  const path = new URL(request.url).pathname;
  if (path === "/products.json")
    return jsonResponse(storefrontProducts(emulator, domain));
  const match =
    /^(?:\/([a-z]{2,3}(?:-[A-Za-z]{2,4})?))?\/products\/([^/]+)\.js$/.exec(
      path,
    );
  if (!match) return null;
  const locale = storefrontLocale(emulator.shop(domain), match[1] ?? null);
  if (locale === undefined) return NOT_FOUND();
  const product = storefrontProduct(
    emulator,
    domain,
    decodeURIComponent(match[2]!),
    locale,
  );
  return product ? jsonResponse(product) : NOT_FOUND();
}

/** `GET /__emulator/clock` reads the emulator time; `POST` with `{advanceMs?, set?, freeze?}` moves it. */
export async function answerClock(
  emulator: ShopifyEmulator,
  request: Request,
): Promise<Response> {
  if (request.method === "GET")
    return jsonResponse({
      now: emulator.clock.iso(),
      frozen: emulator.clock.frozen,
    });
  try {
    const command = (await request.json()) as ClockCommand;
    return jsonResponse(applyClockCommand(emulator.clock, command));
  } catch (error) {
    return jsonResponse(
      { errors: error instanceof Error ? error.message : String(error) },
      { status: 400 },
    );
  }
}
