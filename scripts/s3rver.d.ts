// The parts of @20minutes/s3rver (no bundled types) that scripts/s3-local.ts uses.
declare module "@20minutes/s3rver" {
  import type { IncomingMessage } from "node:http";

  interface S3rverContext {
    req: IncomingMessage;
  }
  type Middleware = (
    ctx: S3rverContext,
    next: () => Promise<void>,
  ) => Promise<void>;

  export interface S3rverOptions {
    address?: string;
    port?: number;
    silent?: boolean;
    directory?: string;
    vhostBuckets?: boolean;
    resetOnClose?: boolean;
    allowMismatchedSignatures?: boolean;
    configureBuckets?: { name: string; configs?: (string | Buffer)[] }[];
  }

  export default class S3rver {
    constructor(options?: S3rverOptions);
    /** Koa's middleware stack. */
    middleware: Middleware[];
    run(): Promise<{ address: string; port: number }>;
    close(): Promise<void>;
  }
}

declare module "@20minutes/s3rver/lib/signature/v4.js" {
  import type { IncomingHttpHeaders } from "node:http";

  interface CanonicalRequest {
    headers: IncomingHttpHeaders;
    uri: string;
    querystring: string;
    [field: string]: unknown;
  }
  const signatureV4: {
    getStringToSign(
      canonicalRequest: CanonicalRequest,
      request: unknown,
    ): string;
  };
  export default signatureV4;
}
