import { EmptyStatePage } from "~/components/empty-state-page";

export default function Activity() {
  return (
    <EmptyStatePage
      title="activity.title"
      heading="activity.emptyHeading"
      body="activity.emptyBody"
      action={{ label: "activity.emptyAction", to: "/app/assets" }}
    />
  );
}
