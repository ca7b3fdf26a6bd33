// Zod's default messages become a merchant's words in every form's field errors; a schema's own message stays.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { Invalid } from "~/lib/errors";

const schema = z.object({
  title: z.string().min(1),
  alt: z.string().max(5),
  size: z.coerce.number(),
  role: z.enum(["FRONT", "BACK"]),
  link: z.url(),
  tags: z.array(z.string()).min(1),
  note: z.string().min(3, { message: "Say a little more." }),
});

describe("plain validation messages", () => {
  it("maps zod's defaults to merchant words and keeps messages a schema sets", () => {
    const parsed = schema.safeParse({
      title: "",
      alt: "far too long",
      size: "big",
      role: "SIDE",
      link: "not a url",
      tags: [],
      note: "x",
    });
    expect(parsed.success).toBe(false);
    expect(Invalid.fieldErrorsOf(parsed.error!)).toEqual({
      title: ["Enter a value."],
      alt: ["Use at most 5 characters."],
      size: ["Enter a number."],
      role: ["Choose one of: FRONT, BACK."],
      link: ["Enter a web address (https://…)."],
      tags: ["Choose at least one."],
      note: ["Say a little more."],
    });
  });
});
