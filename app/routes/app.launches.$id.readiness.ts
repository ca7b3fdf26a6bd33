// A launch's readiness as a CSV download (one row per product × channel), a resource route fetched by the launch
// page's Export button (components/download.ts), so it works inside the embedded admin.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { launchReadinessCsv } from "~/launch/launch.server";
import { loaderFailure, requireParam } from "~/lib/http.server";
import { authenticate } from "~/shopify.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const launchId = requireParam(params, "id");
  try {
    const csv = await launchReadinessCsv(session.shop, launchId);
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="launch-readiness.csv"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    return loaderFailure(error);
  }
};
