// The spreadsheet export as a download: a resource route (no page), so an authenticated fetch from the embedded
// page (App Bridge adds the session token to the app's own fetches) gets the file, never the login page or HTML.
// GET /app/products/export?format=csv|xlsx&key=sku|handle plus the products index filters.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { loaderFailure } from "~/lib/http.server";
import { parseProductsIndexQuery } from "~/pim/products-index.db.server";
import { exportSpreadsheet } from "~/pim/spreadsheet-export.server";
import { authenticate } from "~/shopify.server";

const exportQuery = z.object({
  format: z.enum(["csv", "xlsx"]),
  key: z.enum(["sku", "handle"]).default("sku"),
});

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const params = new URL(request.url).searchParams;
  try {
    const wanted = exportQuery.parse(Object.fromEntries(params));
    const file = await exportSpreadsheet(
      session.shop,
      parseProductsIndexQuery(params),
      { key: wanted.key, format: wanted.format },
    );
    return new Response(Buffer.from(file.body), {
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": `attachment; filename="${file.filename}"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    return loaderFailure(error);
  }
};
