import { UnrecoverableError } from "bullmq";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { isJobName, parseJobPayload } from "~/jobs/definitions";
import { Conflict, Invalid, NotFound, Upstream } from "~/lib/errors";
import { classifyFailure } from "~/worker/failure.server";

// "Exactly one processor per job name" is not tested here: `processors: ProcessorMap` makes a missing or extra
// entry a compile error, so such a test could not fail once tsc passes.
describe("job map", () => {
  it("parses a valid payload and rejects a wrong shop domain or product id", () => {
    const payload = {
      shop: "atelier.myshopify.com",
      productId: "gid://shopify/Product/42",
      updatedAt: "2026-11-20T10:00:00-05:00",
      webhookId: "abc",
    };
    expect(parseJobPayload("product.refresh", payload)).toEqual(payload);
    expect(() =>
      parseJobPayload("product.refresh", { ...payload, shop: "atelier.com" }),
    ).toThrow(/myshopify/);
    expect(() =>
      parseJobPayload("product.refresh", { ...payload, productId: "42" }),
    ).toThrow(/Product/);
  });

  it("knows its job names, and no inherited property is one", () => {
    expect(isJobName("shop.erase")).toBe(true);
    expect(isJobName("toString")).toBe(false);
  });
});

describe("failure classification", () => {
  it("gives up on permanent domain errors and invalid payloads", () => {
    for (const error of [
      new NotFound("x"),
      new Invalid("x"),
      new Conflict("x"),
      new Upstream("x", false),
    ]) {
      expect(classifyFailure(error)).toBeInstanceOf(UnrecoverableError);
    }
    const zodError = z.object({ a: z.string() }).safeParse({}).error!;
    expect(classifyFailure(zodError)).toBeInstanceOf(UnrecoverableError);
  });

  it("retries upstream failures and unknown errors", () => {
    const upstream = new Upstream("Shopify 502");
    expect(classifyFailure(upstream)).toBe(upstream);
    expect(classifyFailure(new TypeError("boom"))).not.toBeInstanceOf(
      UnrecoverableError,
    );
    expect(classifyFailure("a string")).toBeInstanceOf(Error);
  });
});
