// Attributes and families: the shop's attribute definitions, the form to add or change one, and the families
// (which attributes a product has, and which are required on which channel).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData, useSubmit } from "@remix-run/react";
import { Banner, Layout, Page } from "@shopify/polaris";
import { z } from "zod";
import { AttributeForm } from "~/components/pim/attribute-form";
import { AttributesTable } from "~/components/pim/attributes-table";
import { FamilyForm } from "~/components/pim/family-form";
import { useT } from "~/i18n";
import { failureOf } from "~/lib/action-result";
import { actionFailure, parseForm, readForm } from "~/lib/http.server";
import {
  listAttributes,
  listFamilies,
  saveAttribute,
} from "~/pim/attributes.db.server";
import { attributeForm, familyForm } from "~/pim/attributes.schema";
import { saveFamilyAndReassign } from "~/pim/families.server";
import { setUpApparelPim } from "~/pim/onboarding.server";
import { authenticate } from "~/shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const [attributes, families] = await Promise.all([
    listAttributes(session.shop),
    listFamilies(session.shop),
  ]);
  return { attributes, families };
};

const intent = z.object({
  intent: z.enum(["seed-apparel", "save-attribute", "save-family"]),
});

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const shop = session.shop;
  const form = await readForm(request);
  try {
    switch ((await parseForm(form, intent)).intent) {
      case "seed-apparel":
        await setUpApparelPim(shop);
        break;
      case "save-attribute":
        // attributeForm only reshapes the form; saveAttribute validates (Invalid with field errors).
        await saveAttribute(shop, await parseForm(form, attributeForm));
        break;
      case "save-family":
        await saveFamilyAndReassign(shop, await parseForm(form, familyForm));
        break;
    }
    return json({ ok: true as const });
  } catch (error) {
    return actionFailure(error, form);
  }
};

export default function Attributes() {
  const { attributes, families } = useLoaderData<typeof loader>();
  const failure = failureOf(useActionData<typeof action>());
  const t = useT();
  const submit = useSubmit();
  return (
    <Page
      backAction={{ url: "/app/products" }}
      title={t("pim.attributes.title")}
      secondaryActions={[
        {
          content: t("pim.seedApparel"),
          onAction: () =>
            submit({ intent: "seed-apparel" }, { method: "post" }),
        },
      ]}
    >
      <Layout>
        {failure && (
          <Layout.Section>
            <Banner tone="critical" title={failure.message} />
          </Layout.Section>
        )}
        <Layout.Section>
          <AttributesTable attributes={attributes} />
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <AttributeForm failure={failure} />
        </Layout.Section>
        <Layout.Section>
          <FamilyForm
            families={families}
            attributeKeys={attributes.map((a) => a.key)}
            failure={failure}
          />
        </Layout.Section>
      </Layout>
    </Page>
  );
}
