import { describe, expect, it } from "vitest";
import { adminApi, testEmulator } from "../../emulator/testing";

const PRODUCT_CREATE = `mutation Create($product: ProductCreateInput!) { productCreate(product: $product) { product { id } userErrors { message } } }`;

describe("fault injection", () => {
  const emulator = testEmulator({ seed: 7 });
  emulator.addShop("faulty.myshopify.com");
  const api = adminApi(emulator, "faulty.myshopify.com");

  it("answers the next N requests THROTTLED", async () => {
    emulator.setFaults("faulty.myshopify.com", { throttleNext: 2 });
    const codes = [];
    for (let i = 0; i < 3; i++)
      codes.push(
        (await api(`{ shop { name } }`)).errors?.[0]?.extensions?.code ?? "OK",
      );
    expect(codes).toEqual(["THROTTLED", "THROTTLED", "OK"]);
  });

  it("answers a share of requests with HTTP 5xx", async () => {
    emulator.setFaults("faulty.myshopify.com", { serverErrorRate: 0.5 });
    const statuses = [];
    for (let i = 0; i < 40; i++)
      statuses.push((await api(`{ shop { name } }`)).status);
    const failures = statuses.filter((s) => s >= 500).length;
    expect(failures).toBeGreaterThan(8);
    expect(failures).toBeLessThan(32);
  });

  it("adds latency", async () => {
    emulator.setFaults("faulty.myshopify.com", { latencyMs: 120 });
    const started = performance.now();
    await api(`{ shop { name } }`);
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
  });

  it("answers chosen mutations with userErrors, a given number of times", async () => {
    emulator.setFaults("faulty.myshopify.com", {
      userErrors: {
        productCreate: {
          errors: [{ field: ["title"], message: "Injected" }],
          times: 1,
        },
      },
    });
    const first = await api(PRODUCT_CREATE, { product: { title: "Coat" } });
    const second = await api(PRODUCT_CREATE, { product: { title: "Coat" } });
    expect(first.data.productCreate).toEqual({
      product: null,
      userErrors: [{ message: "Injected" }],
    });
    expect(second.data.productCreate.userErrors).toEqual([]);
  });
});
