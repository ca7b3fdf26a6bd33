import {
  LoginErrorType,
  type LoginError,
} from "@shopify/shopify-app-remix/server";
import type { MessageKey } from "~/i18n";

export function loginErrorMessage(loginErrors: LoginError | undefined): {
  shop?: MessageKey;
} {
  if (loginErrors?.shop === LoginErrorType.MissingShop)
    return { shop: "login.missingShop" };
  if (loginErrors?.shop === LoginErrorType.InvalidShop)
    return { shop: "login.invalidShop" };
  return {};
}
