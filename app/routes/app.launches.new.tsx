// A new launch: name, products (by tag, family, collection or picked) and an optional go-live time. Creating it
// opens the launch page, where readiness shows what blocks it.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Layout, Page } from "@shopify/polaris";
import { LaunchForm } from "~/components/launch/launch-form";
import { useT } from "~/i18n";
import { createLaunchForm } from "~/launch/launch.schema";
import { createLaunch } from "~/launch/launch.server";
import { failureOf } from "~/lib/action-result";
import { actionFailure, actorOf, parseForm, readForm } from "~/lib/http.server";
import { listFamilies } from "~/pim/attributes.db.server";
import { authenticate } from "~/shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const families = await listFamilies(session.shop);
  return { families: families.map((f) => ({ id: f.id, name: f.name })) };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const auth = await authenticate.admin(request);
  const form = await readForm(request);
  try {
    const input = await parseForm(form, createLaunchForm);
    const { id } = await createLaunch(auth.session.shop, input, actorOf(auth));
    return redirect(`/app/launches/${id}`);
  } catch (error) {
    return actionFailure(error, form);
  }
};

export default function NewLaunch() {
  const { families } = useLoaderData<typeof loader>();
  const failure = failureOf(useActionData<typeof action>());
  const t = useT();
  return (
    <Page
      title={t("launch.form.title")}
      backAction={{ content: t("launch.title"), url: "/app/launches" }}
    >
      <Layout>
        <Layout.Section>
          <LaunchForm families={families} failure={failure} />
        </Layout.Section>
      </Layout>
    </Page>
  );
}
