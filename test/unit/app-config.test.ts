import { existsSync, readFileSync } from "node:fs";
import { parse } from "smol-toml";
import { describe, expect, it } from "vitest";
import { DEFAULT_SCOPES } from "~/env.server";

interface Subscription {
  topics?: string[];
  compliance_topics?: string[];
  uri: string;
}
const config = parse(readFileSync("shopify.app.toml", "utf8")) as unknown as {
  access_scopes: { scopes: string };
  webhooks: { api_version: string; subscriptions: Subscription[] };
};

describe("shopify.app.toml", () => {
  const subscriptions = config.webhooks.subscriptions;
  const topics = subscriptions.flatMap((s) => [
    ...(s.topics ?? []),
    ...(s.compliance_topics ?? []),
  ]);

  it("subscribes to the lifecycle, product and mandatory compliance topics on API 2026-10", () => {
    expect(config.webhooks.api_version).toBe("2026-10");
    expect(topics.sort()).toEqual(
      [
        "app/scopes_update",
        "app/uninstalled",
        "customers/data_request",
        "customers/redact",
        "products/create",
        "products/delete",
        "products/update",
        "shop/redact",
      ].sort(),
    );
  });

  it.each(subscriptions)("routes $uri to its own route module", ({ uri }) => {
    const file = `app/routes/${uri.replace(/^\//, "").replaceAll("/", ".")}.ts`;
    expect(existsSync(file)).toBe(true);
  });

  it("asks for the scopes the app's environment default uses", () => {
    expect(config.access_scopes.scopes).toBe(DEFAULT_SCOPES);
  });

  it("names the route that handles each subscription in a `# Handled by:` comment above it", () => {
    // The comment sits right above the subscription's [[webhooks.subscriptions]] line (Shopify's template).
    const lines = readFileSync("shopify.app.toml", "utf8").split("\n");
    for (const { uri } of subscriptions) {
      const at = lines.findIndex((line) => line.trim() === `uri = "${uri}"`);
      const header = lines.lastIndexOf("  [[webhooks.subscriptions]]", at);
      const route = `/app/routes/${uri.replace(/^\//, "").replaceAll("/", ".")}.ts`;
      expect(lines[header - 1]?.trim()).toBe(`# Handled by: ${route}`);
    }
  });
});
