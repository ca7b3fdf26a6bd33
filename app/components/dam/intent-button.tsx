// A button that posts one intent to the asset page's action; with `confirm`, it asks first in a modal.
import { useFetcher } from "@remix-run/react";
import { Button, Modal, Text } from "@shopify/polaris";
import { useState, type ReactNode } from "react";
import { useT } from "~/i18n";
import type { ActionData } from "./asset-types";

export interface Confirmation {
  title: string;
  body: string;
  action: string;
  destructive?: boolean;
}

export function Intent({
  intent,
  fields = {},
  children,
  confirm,
  ...button
}: {
  intent: string;
  fields?: Record<string, string>;
  children: ReactNode;
  /** Ask first (rollback, archive): the form is sent only from the modal. */
  confirm?: Confirmation;
  variant?: "primary" | "plain";
  tone?: "critical";
}) {
  const t = useT();
  const fetcher = useFetcher<ActionData>();
  const [asking, setAsking] = useState(false);
  const send = () => {
    setAsking(false);
    fetcher.submit({ intent, ...fields }, { method: "post" });
  };
  return (
    <fetcher.Form
      method="post"
      onSubmit={(event) => {
        if (!confirm) return;
        event.preventDefault();
        setAsking(true);
      }}
    >
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button submit loading={fetcher.state !== "idle"} {...button}>
        {String(children)}
      </Button>
      {fetcher.data?.ok === false && (
        <Text as="p" tone="critical">
          {fetcher.data.message}
        </Text>
      )}
      {confirm && (
        <Modal
          open={asking}
          onClose={() => setAsking(false)}
          title={confirm.title}
          primaryAction={{
            content: confirm.action,
            destructive: confirm.destructive,
            onAction: send,
          }}
          secondaryActions={[
            {
              content: t("dam.asset.cancel"),
              onAction: () => setAsking(false),
            },
          ]}
        >
          <Modal.Section>
            <Text as="p">{confirm.body}</Text>
          </Modal.Section>
        </Modal>
      )}
    </fetcher.Form>
  );
}
