// What every part of the hostile-input corpus shares: the entry shape, the expectations, and a kit of deterministic
// sample files (a small JPEG and PNG, a 256 MiB inflate bomb) with the `add` that appends an entry.
import { deflateSync } from "node:zlib";
import sharp, { type Sharp } from "sharp";

export type Expectation = "accept" | "refuse" | "either";

export interface HostileFile {
  /** Unique, for reports. */
  id: string;
  /** The name sent in the multipart part. */
  filename: string;
  data: Buffer;
  expect: Expectation;
  /** A substring the refusal must contain, when it is a refusal we wrote. */
  message?: RegExp;
}

export interface CorpusKit {
  /** A fresh 64×48 sharp pipeline, to encode in any format. */
  base: () => Sharp;
  jpeg: Buffer;
  png: Buffer;
  /** 256 MiB of zeros, deflated: tiny on disk, huge once inflated. */
  inflateBomb: Buffer;
  add: (
    id: string,
    filename: string,
    data: Buffer,
    expectation: Expectation,
    message?: RegExp,
  ) => void;
}

/** A kit whose `add` appends to `files`. */
export async function corpusKit(files: HostileFile[]): Promise<CorpusKit> {
  const base = () =>
    sharp({
      create: { width: 64, height: 48, channels: 3, background: "#3a6" },
    });
  const jpeg = await base().jpeg().toBuffer();
  const png = await base().png().toBuffer();
  const add = (
    id: string,
    filename: string,
    data: Buffer,
    expectation: Expectation,
    message?: RegExp,
  ) => files.push({ id, filename, data, expect: expectation, message });
  const inflateBomb = deflateSync(Buffer.alloc(256 * 1024 * 1024), {
    level: 9,
  });
  return { base, jpeg, png, inflateBomb, add };
}
