// A route's screen rendered on the server with its real loader's data (Polaris, i18n, router hooks), as the
// embedded admin of `shop` would request it: catches components crashing on the shapes loaders return, and shows
// what the merchant reads.
import { AppProvider } from "@shopify/polaris";
import polarisTranslations from "@shopify/polaris/locales/en.json";
import type { ComponentType } from "react";
import { renderToString } from "react-dom/server";
import {
  createStaticHandler,
  createStaticRouter,
  StaticRouterProvider,
} from "react-router-dom/server";
import { embeddedFetchRequest } from "./shopify";

/** The HTML of `Component` fed by `loader` for `path` (and `params`). */
export async function renderRoute(
  shop: string,
  path: string,
  Component: ComponentType,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each route's loader has its own argument type
  loader: (args: any) => Promise<unknown>,
  params: Record<string, string> = {},
): Promise<string> {
  const returned = await loader({
    request: await embeddedFetchRequest(path, shop),
    params,
    context: {},
  });
  // What the browser gets: Remix sends loader data as JSON (dates become ISO strings; single fetch is off).
  const data: unknown =
    returned instanceof Response
      ? await returned.json()
      : JSON.parse(JSON.stringify(returned));
  const routes = [
    {
      id: "page",
      path: path.split("?")[0],
      loader: () => data as Record<string, unknown>,
      Component,
    },
  ];
  const handler = createStaticHandler(routes);
  const context = await handler.query(
    new Request(`https://app.invalid${path}`),
  );
  if (context instanceof Response)
    throw new Error(`unexpected response ${context.status}`);
  const router = createStaticRouter(handler.dataRoutes, context);
  return renderToString(
    <AppProvider i18n={polarisTranslations}>
      <StaticRouterProvider router={router} context={context} hydrate={false} />
    </AppProvider>,
  );
}
