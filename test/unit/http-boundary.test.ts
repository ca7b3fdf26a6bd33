// lib/http.server.ts: the one route boundary. Every domain error answers with its own status and one body shape.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { failureOf, typedText } from "~/lib/action-result";
import {
  Conflict,
  Invalid,
  NotFound,
  Upstream,
  type AppError,
} from "~/lib/errors";
import {
  actionFailure,
  actorOf,
  formObject,
  loaderFailure,
  parseForm,
  requireParam,
} from "~/lib/http.server";

const thrown = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("did not throw");
};

describe("actionFailure", () => {
  it.each<[AppError, number]>([
    [new Invalid("bad", { title: ["too long"] }), 400],
    [new NotFound("asset not found"), 404],
    [new Conflict("restore the asset from the archive first"), 409],
    [new Upstream("Shopify is away"), 502],
  ])(
    "answers %s with status %i and the one failure shape",
    async (error, status) => {
      const response = actionFailure(error, { title: "Coat" });
      expect(response.status).toBe(status);
      expect(await response.json()).toEqual({
        ok: false,
        message: error.message,
        fieldErrors: error instanceof Invalid ? error.fieldErrors : {},
        input: { title: "Coat" },
      });
    },
  );

  it("answers a zod error with 400 and the field paths, `_` for the whole object", async () => {
    const schema = z
      .object({ validation: z.object({ min: z.number() }) })
      .refine(() => false, "never");
    const response = actionFailure(
      schema.safeParse({ validation: { min: "x" } }).error,
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as { fieldErrors: object };
    expect(Object.keys(body.fieldErrors)).toEqual(["validation.min"]);
    const root = actionFailure(
      schema.safeParse({ validation: { min: 1 } }).error,
    );
    expect(
      Object.keys(((await root.json()) as { fieldErrors: object }).fieldErrors),
    ).toEqual(["_"]);
  });

  it("rethrows what is not a domain error (a bug is a 500, not a form message)", () => {
    const bug = new TypeError("x is undefined");
    expect(thrown(() => actionFailure(bug))).toBe(bug);
    const redirect = new Response(null, { status: 302 });
    expect(thrown(() => actionFailure(redirect))).toBe(redirect);
  });
});

describe("forms", () => {
  it("decodes repeated keys as arrays and leaves files out", () => {
    const form = new FormData();
    form.append("ids", "a");
    form.append("ids", "b");
    form.append("intent", "approve");
    form.append("file", new File(["x"], "x.csv"));
    expect(formObject(form)).toEqual({ intent: "approve", ids: ["a", "b"] });
  });

  it("parses a request's form, and a bad one fails with what was typed", async () => {
    const schema = z.object({ key: z.string().regex(/^[a-z_]+$/) });
    const request = (key: string) =>
      new Request("https://app.test/", {
        method: "POST",
        body: new URLSearchParams({ key, label: "Lining" }),
      });
    expect(await parseForm(request("lining"), schema)).toEqual({
      key: "lining",
    });
    const error = await parseForm(request("Bad Key!"), schema).catch(
      (e: unknown) => e,
    );
    const failure = failureOf(await actionFailure(error).json());
    expect(failure?.fieldErrors).toHaveProperty("key");
    expect(typedText(failure, "label")).toBe("Lining");
  });
});

describe("loaders and params", () => {
  it("throws the domain error's status as a Response", () => {
    const response = thrown(() => loaderFailure(new NotFound("gone")));
    expect(response).toBeInstanceOf(Response);
    expect((response as Response).status).toBe(404);
  });

  it("answers 404 for a missing or empty route parameter instead of looking up an empty id", () => {
    expect(requireParam({ id: "abc" }, "id")).toBe("abc");
    for (const params of [{}, { id: "" }])
      expect(
        (thrown(() => requireParam(params, "id")) as Response).status,
      ).toBe(404);
  });
});

describe("actorOf", () => {
  it("records the session token's staff member as user:<id>, and `staff` without one", () => {
    expect(actorOf({ sessionToken: { sub: "84" } })).toBe("user:84");
    expect(actorOf({})).toBe("staff");
  });
});
