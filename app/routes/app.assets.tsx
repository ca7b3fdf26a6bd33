import { EmptyStatePage } from "~/components/empty-state-page";

export default function Assets() {
  return (
    <EmptyStatePage
      title="assets.title"
      heading="assets.emptyHeading"
      body="assets.emptyBody"
      action={{ label: "assets.emptyAction", to: "/app" }}
    />
  );
}
