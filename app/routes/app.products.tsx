import { EmptyStatePage } from "~/components/empty-state-page";

export default function Products() {
  return (
    <EmptyStatePage
      title="products.title"
      heading="products.emptyHeading"
      body="products.emptyBody"
      action={{ label: "products.emptyAction", to: "/app/assets" }}
    />
  );
}
