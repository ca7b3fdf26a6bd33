import { describe, expect, it } from "vitest";
import {
  productChangedPayload,
  productDeletedPayload,
} from "~/webhooks/payloads";

describe("webhook payloads", () => {
  it("accepts Shopify's product payload and ignores the fields we do not use", () => {
    const parsed = productChangedPayload.parse({
      id: 1,
      admin_graphql_api_id: "gid://shopify/Product/1",
      updated_at: "2026-11-20T10:00:00-05:00",
      variants: [{ id: 2 }],
    });
    expect(parsed).toEqual({
      admin_graphql_api_id: "gid://shopify/Product/1",
      updated_at: "2026-11-20T10:00:00-05:00",
    });
  });

  it("accepts products/delete with a numeric id and rejects anything else", () => {
    expect(productDeletedPayload.parse({ id: 8123456789012 }).id).toBe(
      8123456789012,
    );
    expect(productDeletedPayload.safeParse({ id: "abc" }).success).toBe(false);
  });
});
