import { useNavigate } from "@remix-run/react";
import { Card, EmptyState, Layout, Page } from "@shopify/polaris";
import { useT, type MessageKey } from "~/i18n";

interface Props {
  title: MessageKey;
  heading: MessageKey;
  body: MessageKey;
  /** The next step: a page to go to, or something to do here. */
  action: { label: MessageKey } & ({ to: string } | { onAction: () => void });
}

/** A page with nothing in it yet, saying what it will hold and what to do next. */
export function EmptyStatePage({ title, heading, body, action }: Props) {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Page title={t(title)}>
      <Layout>
        <Layout.Section>
          <Card>
            <EmptyState
              heading={t(heading)}
              image="/empty-state.svg"
              action={{
                content: t(action.label),
                onAction:
                  "to" in action ? () => navigate(action.to) : action.onAction,
              }}
            >
              <p>{t(body)}</p>
            </EmptyState>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
