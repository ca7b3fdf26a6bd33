// Environment every test process starts with: the credentials shopify-api's test helpers sign with.
import {
  API_KEY,
  API_SECRET_KEY,
  APP_URL,
} from "@shopify/shopify-api/test-helpers";

process.env.SHOPIFY_API_KEY = API_KEY;
process.env.SHOPIFY_API_SECRET = API_SECRET_KEY;
process.env.SHOPIFY_APP_URL = APP_URL;
process.env.SCOPES ??=
  "read_products,write_products,read_files,write_files,read_locales,read_markets";
process.env.LOG_LEVEL ??= "silent";
// The tests' marketplace receiver listens on 127.0.0.1 (tests of the outbound guard turn this off explicitly).
process.env.ALLOW_PRIVATE_OUTBOUND ??= "1";
