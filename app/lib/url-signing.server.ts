// The one signing helper for URLs we hand out (channel renditions that Google and the marketplace keep for years,
// the admin's expiring file URLs). Each signature names its key by a key id (`kid`, derived from the secret), so
// rotating URL_SIGNING_SECRET keeps every URL signed with a key listed in URL_SIGNING_PREVIOUS_SECRETS valid.
// A URL without a key id (signed before key ids existed) is checked against every known key.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { env } from "~/env.server";

export interface SigningKey {
  id: string;
  secret: string;
}

export interface Keyring {
  current: SigningKey;
  previous: SigningKey[];
}

const keyOf = (secret: string): SigningKey => ({
  id: createHash("sha256")
    .update(`vitrine-url-key\n${secret}`)
    .digest("hex")
    .slice(0, 8),
  secret,
});

export function keyringOf(current: string, previous: string[] = []): Keyring {
  return { current: keyOf(current), previous: previous.map(keyOf) };
}

/** The keyring from the environment (URL_SIGNING_SECRET, else the app secret, plus the previous secrets). */
export function configuredKeyring(): Keyring {
  const config = env();
  return keyringOf(
    config.URL_SIGNING_SECRET ?? config.SHOPIFY_API_SECRET,
    config.URL_SIGNING_PREVIOUS_SECRETS,
  );
}

function mac(secret: string, value: string): string {
  return createHmac("sha256", secret)
    .update(value)
    .digest("base64url")
    .slice(0, 32);
}

/** Signs `value` with the current key: the `kid` and `sig` to put in the URL. */
export function signValue(
  value: string,
  keyring = configuredKeyring(),
): { kid: string; sig: string } {
  return { kid: keyring.current.id, sig: mac(keyring.current.secret, value) };
}

/** Sets `kid` and `sig` on a URL's query for `value`. */
export function setSignature(
  params: URLSearchParams,
  value: string,
  keyring = configuredKeyring(),
): void {
  const { kid, sig } = signValue(value, keyring);
  params.set("kid", kid);
  params.set("sig", sig);
}

/** Whether `sig` signs `value` under the key `kid` names (any known key when `kid` is absent). Constant time. */
export function verifyValue(
  value: string,
  sig: string,
  kid: string | null,
  keyring = configuredKeyring(),
): boolean {
  const keys = [keyring.current, ...keyring.previous].filter(
    (key) => kid === null || key.id === kid,
  );
  const given = Buffer.from(sig);
  let valid = false;
  for (const key of keys) {
    const expected = Buffer.from(mac(key.secret, value));
    if (expected.length === given.length && timingSafeEqual(expected, given))
      valid = true;
  }
  return valid;
}
