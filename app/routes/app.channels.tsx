import { EmptyStatePage } from "~/components/empty-state-page";

export default function Channels() {
  return (
    <EmptyStatePage
      title="channels.title"
      heading="channels.emptyHeading"
      body="channels.emptyBody"
      action={{ label: "channels.emptyAction", to: "/app/products" }}
    />
  );
}
