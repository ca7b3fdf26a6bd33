// Results as the Shopify admin shows them: an App Bridge toast (`shopify.toast.show`), the same call in the admin
// and in the emulator's App Bridge stand-in.
import { useAppBridge } from "@shopify/app-bridge-react";
import { useCallback } from "react";

export function useToast() {
  const shopify = useAppBridge();
  return useCallback(
    (message: string, options: { isError?: boolean } = {}) => {
      shopify.toast.show(message, { isError: options.isError });
    },
    [shopify],
  );
}
