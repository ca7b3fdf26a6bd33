import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { NavMenu } from "@shopify/app-bridge-react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import polarisVizStyles from "@shopify/polaris-viz/build/esm/styles.css?url";
import { AppProvider } from "@shopify/shopify-app-remix/react";
import { boundary } from "@shopify/shopify-app-remix/server";
import { NavigationProgress } from "~/components/navigation-progress";
import { LocaleContext, supportedLocale, translate } from "~/i18n";
import { authenticate } from "~/shopify.server";

export const links = () => [
  { rel: "stylesheet", href: polarisStyles },
  { rel: "stylesheet", href: polarisVizStyles },
];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await authenticate.admin(request);
  const locale = supportedLocale(
    new URL(request.url).searchParams.get("locale"),
  );
  return {
    apiKey: process.env.SHOPIFY_API_KEY ?? "",
    // Tests and the offline demo serve App Bridge locally; production uses Shopify's CDN (the library default).
    appBridgeUrl: process.env.APP_BRIDGE_URL || undefined,
    locale,
  };
};

export default function App() {
  const { apiKey, appBridgeUrl, locale } = useLoaderData<typeof loader>();
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  return (
    <AppProvider
      isEmbeddedApp
      apiKey={apiKey}
      {...(appBridgeUrl ? { __APP_BRIDGE_URL: appBridgeUrl } : {})}
    >
      <LocaleContext.Provider value={locale}>
        <NavMenu>
          <Link to="/app" rel="home">
            {t("app.nav.dashboard")}
          </Link>
          <Link to="/app/products">{t("app.nav.products")}</Link>
          <Link to="/app/assets">{t("app.nav.assets")}</Link>
          <Link to="/app/launches">{t("app.nav.launches")}</Link>
          <Link to="/app/channels">{t("app.nav.channels")}</Link>
          <Link to="/app/activity">{t("app.nav.activity")}</Link>
          <Link to="/app/settings">{t("app.nav.settings")}</Link>
        </NavMenu>
        <NavigationProgress />
        <Outlet />
      </LocaleContext.Provider>
    </AppProvider>
  );
}

// Auth works by throwing Responses; these let the library's redirects and headers through.
export function ErrorBoundary() {
  return boundary.error(useRouteError());
}

export const headers: HeadersFunction = (headersArgs) =>
  boundary.headers(headersArgs);
