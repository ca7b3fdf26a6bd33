// The one way to call a URL a merchant configured (the marketplace endpoint, any future webhook-like target).
// A merchant's URL must not become a way into our network (SSRF), so:
// - the URL is checked when it is saved and again before each call: https only, no credentials, no IP literal
//   outside the public internet;
// - host names are resolved by our own `lookup` inside the connection (undici's connect option), so the address
//   checked is the address connected to: a DNS answer that changes between the save and the call (rebinding) is
//   refused at connect time;
// - redirects are refused, not followed (a 3xx could point anywhere);
// - a time limit covers connect, headers and body, and the body read is capped;
// - errors carry the status code only, never the response body (it would echo internal pages into Activity).
// ALLOW_PRIVATE_OUTBOUND=1 (development and tests, whose receivers listen on 127.0.0.1) lifts the address check.
import { promises as dns } from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import { Agent, fetch as undiciFetch, type RequestInit } from "undici";
import { env } from "~/env.server";
import { Invalid, Upstream } from "./errors";
import { isPublicAddress } from "./outbound-address";

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Resolves a host name to every address it has (tests pass a stub to play DNS). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface OutboundPolicy {
  /** Reach loopback and private addresses too (development only). Default: ALLOW_PRIVATE_OUTBOUND. */
  allowPrivate?: boolean;
  resolve?: Resolver;
  /** Whole request, connect to last body byte. */
  timeoutMs?: number;
  maxResponseBytes?: number;
}

export const OUTBOUND_TIMEOUT_MS = 15_000;
export const OUTBOUND_MAX_RESPONSE_BYTES = 1024 * 1024;

const systemResolver: Resolver = (hostname) =>
  dns.lookup(hostname, { all: true, verbatim: true });

/** The merchant-facing refusal for an address outside the public internet. */
export class OutboundRefused extends Invalid {
  constructor(message: string) {
    super(message, { url: [message] });
  }
}

const LOCAL_NAMES = new Set(["localhost", "127.0.0.1", "[::1]"]);

function allowPrivate(policy: OutboundPolicy): boolean {
  return policy.allowPrivate ?? env().ALLOW_PRIVATE_OUTBOUND;
}

/** Checks what can be checked without the network. Throws `OutboundRefused`. */
export function assertOutboundUrl(
  url: string,
  policy: OutboundPolicy = {},
): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new OutboundRefused("Enter a full URL, starting with https://.");
  }
  const local = LOCAL_NAMES.has(parsed.hostname);
  const privateOk = allowPrivate(policy);
  if (
    parsed.protocol !== "https:" &&
    !(parsed.protocol === "http:" && local && privateOk)
  )
    throw new OutboundRefused("The URL must start with https://.");
  if (parsed.username || parsed.password)
    throw new OutboundRefused(
      "The URL must not contain a user name or password.",
    );
  const host = parsed.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host) && !isPublicAddress(host) && !privateOk)
    throw new OutboundRefused(
      `${parsed.hostname} is a private or reserved address; use the service's public address.`,
    );
  return parsed;
}

/**
 * `assertOutboundUrl` plus a DNS check, for saving a URL: the merchant learns at once that a name points inside
 * a private network. The same check runs again at connect time. Throws `OutboundRefused`.
 */
export async function validateOutboundUrl(
  url: string,
  policy: OutboundPolicy = {},
): Promise<URL> {
  const parsed = assertOutboundUrl(url, policy);
  const host = parsed.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host) || allowPrivate(policy)) return parsed;
  let addresses: ResolvedAddress[];
  try {
    addresses = await (policy.resolve ?? systemResolver)(host);
  } catch {
    throw new OutboundRefused(`${host} could not be found (DNS).`);
  }
  refusePrivate(host, addresses);
  return parsed;
}

function refusePrivate(host: string, addresses: ResolvedAddress[]): void {
  if (addresses.length === 0)
    throw new OutboundRefused(`${host} could not be found (DNS).`);
  if (addresses.some((a) => !isPublicAddress(a.address)))
    throw new OutboundRefused(
      `${host} points to a private or reserved address; use the service's public address.`,
    );
}

/** A `lookup` for net/tls connect that refuses non-public answers (so the address checked is the one used). */
export function guardedLookup(resolve: Resolver): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (addresses) => {
        try {
          refusePrivate(hostname, addresses);
        } catch (error) {
          callback(error as Error, "", 0);
          return;
        }
        const wanted = options.family
          ? addresses.filter((a) => a.family === options.family)
          : addresses;
        const usable = wanted.length ? wanted : addresses;
        if (options.all) callback(null, usable as never);
        else callback(null, usable[0]!.address, usable[0]!.family);
      },
      (error: Error) => callback(error, "", 0),
    );
  };
}

const agents = new Map<Resolver, Agent>();
let openAgent: Agent | undefined;

function agentFor(policy: OutboundPolicy): Agent {
  if (allowPrivate(policy) && !policy.resolve)
    return (openAgent ??= new Agent({ connect: { timeout: 10_000 } }));
  const resolve = policy.resolve ?? systemResolver;
  let agent = agents.get(resolve);
  if (!agent) {
    agent = new Agent({
      connect: {
        timeout: 10_000,
        lookup: allowPrivate(policy)
          ? guardedLookupAllowingPrivate(resolve)
          : guardedLookup(resolve),
      },
    });
    agents.set(resolve, agent);
  }
  return agent;
}

function guardedLookupAllowingPrivate(resolve: Resolver): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const usable = addresses.filter(
          (a) => !options.family || a.family === options.family,
        );
        const list = usable.length ? usable : addresses;
        if (options.all) callback(null, list as never);
        else callback(null, list[0]!.address, list[0]!.family);
      },
      (error: Error) => callback(error, "", 0),
    );
  };
}

export interface OutboundResponse {
  status: number;
  ok: boolean;
  headers: Headers;
  /** The body as text (read up to the size cap; throws `Upstream` beyond it). */
  text(): Promise<string>;
  /** Drops the body unread. */
  discard(): Promise<void>;
}

function refusalOf(error: unknown): OutboundRefused | null {
  for (let e = error; e instanceof Error; e = e.cause)
    if (e instanceof OutboundRefused) return e;
  return null;
}

function reasonOf(error: unknown): string {
  for (let e = error; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
    if (e.name === "TimeoutError") return "timed out";
  }
  return "connection failed";
}

/**
 * Calls a merchant-configured URL under the outbound policy. Throws `OutboundRefused` (permanent) for a refused
 * URL, address or redirect, `Upstream` (retryable) when the service cannot be reached or answers too much.
 */
export async function outboundFetch(
  url: URL | string,
  init: Omit<RequestInit, "redirect" | "dispatcher" | "signal">,
  policy: OutboundPolicy = {},
): Promise<OutboundResponse> {
  const target = assertOutboundUrl(String(url), policy);
  const timeoutMs = policy.timeoutMs ?? OUTBOUND_TIMEOUT_MS;
  const signal = AbortSignal.timeout(timeoutMs);
  let response: Awaited<ReturnType<typeof undiciFetch>>;
  try {
    response = await undiciFetch(target, {
      ...init,
      redirect: "manual",
      dispatcher: agentFor(policy),
      signal,
    });
  } catch (error) {
    const refused = refusalOf(error);
    if (refused) throw refused;
    throw new Upstream(
      `${target.host} could not be reached (${reasonOf(error)}).`,
      true,
    );
  }
  if (response.status >= 300 && response.status < 400) {
    await response.body?.cancel();
    throw new OutboundRefused(
      `${target.host} answered with a redirect (HTTP ${response.status}); redirects are not followed, so enter the final URL.`,
    );
  }
  const cap = policy.maxResponseBytes ?? OUTBOUND_MAX_RESPONSE_BYTES;
  return {
    status: response.status,
    ok: response.ok,
    headers: response.headers as unknown as Headers,
    discard: async () => {
      await response.body?.cancel();
    },
    text: async () => {
      const chunks: Buffer[] = [];
      let size = 0;
      try {
        // Leaving the loop early (break) cancels the body.
        for await (const chunk of response.body ?? []) {
          size += (chunk as Uint8Array).byteLength;
          if (size > cap) break;
          chunks.push(Buffer.from(chunk as Uint8Array));
        }
      } catch (error) {
        throw new Upstream(
          `${target.host} stopped answering (${reasonOf(error)}).`,
          true,
        );
      }
      if (size > cap)
        throw new Upstream(
          `${target.host} answered with more than ${cap} bytes.`,
          true,
        );
      return Buffer.concat(chunks).toString("utf8");
    },
  };
}
