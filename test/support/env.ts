// Environment every test process starts with: the credentials shopify-api's test helpers sign with.
import {
  API_KEY,
  API_SECRET_KEY,
  APP_URL,
} from "@shopify/shopify-api/test-helpers";
import { DEFAULT_SCOPES } from "~/env.server";

process.env.SHOPIFY_API_KEY = API_KEY;
process.env.SHOPIFY_API_SECRET = API_SECRET_KEY;
process.env.SHOPIFY_APP_URL = APP_URL;
process.env.SCOPES ??= DEFAULT_SCOPES;
process.env.LOG_LEVEL ??= "silent";
