// A loading indicator while the app navigates: the admin's own loading bar through App Bridge
// (`shopify.loading`), and a thin bar in the page (fixed, so it never shifts the layout) after a short delay so
// quick navigations do not flash.
import { useNavigation } from "@remix-run/react";
import { useAppBridge } from "@shopify/app-bridge-react";
import { useEffect, useState } from "react";
import { useT } from "~/i18n";

export function NavigationProgress() {
  const navigation = useNavigation();
  const shopify = useAppBridge();
  const t = useT();
  const loading = navigation.state === "loading";
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    shopify.loading(loading);
    if (!loading) {
      setVisible(false);
      return;
    }
    const timer = setTimeout(() => setVisible(true), 150);
    return () => clearTimeout(timer);
  }, [loading, shopify]);
  if (!visible) return null;
  return (
    <div
      role="progressbar"
      aria-label={t("app.loading")}
      data-navigation-progress=""
      style={{
        position: "fixed",
        top: 0,
        left: 0,
        right: 0,
        height: 3,
        zIndex: 520,
        overflow: "hidden",
        background: "rgba(0,0,0,0.06)",
      }}
    >
      <div className="vitrine-navigation-progress" />
      <style>{`.vitrine-navigation-progress{height:100%;width:40%;background:#2c6ecb;animation:vitrine-progress 1s ease-in-out infinite}@keyframes vitrine-progress{from{transform:translateX(-100%)}to{transform:translateX(250%)}}@media (prefers-reduced-motion: reduce){.vitrine-navigation-progress{animation:none;width:100%}}`}</style>
    </div>
  );
}
