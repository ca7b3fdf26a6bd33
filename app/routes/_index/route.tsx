import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { translate } from "~/i18n";

// The public landing page. Opened from the admin (with ?shop=) it forwards into the embedded app.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const url = new URL(request.url);
  if (url.searchParams.get("shop"))
    throw redirect(`/app?${url.searchParams.toString()}`);
  return null;
};

export default function Landing() {
  const t = (key: Parameters<typeof translate>[1]) => translate("en", key);
  return (
    <main
      style={{
        fontFamily: "system-ui, sans-serif",
        maxWidth: 560,
        margin: "10vh auto",
        padding: 24,
      }}
    >
      <h1>{t("landing.heading")}</h1>
      <p>{t("landing.tagline")}</p>
      <Form method="post" action="/auth/login">
        <label>
          {t("login.shopLabel")}
          <input
            type="text"
            name="shop"
            placeholder={t("login.shopHelp")}
            style={{ display: "block", margin: "8px 0" }}
          />
        </label>
        <button type="submit">{t("login.submit")}</button>
      </Form>
    </main>
  );
}
