// A ZIP written as a stream from streamed entries (STORE method: images do not compress). Each entry's size and
// CRC-32 are only known once its bytes went through, so they follow the data in a data descriptor (general
// purpose flag bit 3) and are repeated in the central directory, which readers such as yauzl use. No ZIP64: the
// callers' limits keep entries and the archive far under 4 GB.
import { PassThrough, type Readable } from "node:stream";
import { crc32 } from "node:zlib";

const FLAG_DATA_DESCRIPTOR = 0x0008;
const FLAG_UTF8 = 0x0800;

interface Written {
  name: Buffer;
  crc: number;
  size: number;
  offset: number;
}

export class ZipStream {
  /** The archive's bytes, for the consumer to read. */
  readonly output = new PassThrough();
  private offset = 0;
  private readonly entries: Written[] = [];

  private async write(bytes: Buffer): Promise<void> {
    this.offset += bytes.length;
    if (!this.output.write(bytes))
      await new Promise<void>((resolve, reject) => {
        const done = (error?: Error) => {
          this.output.off("drain", done);
          this.output.off("close", closed);
          if (error) reject(error);
          else resolve();
        };
        const closed = () =>
          done(new Error("the archive's reader stopped reading"));
        this.output.once("drain", () => done());
        this.output.once("close", closed);
      });
  }

  /** Appends an entry named `name` with the bytes of `data`, read to its end. */
  async add(name: string, data: Readable): Promise<void> {
    const entry: Written = {
      name: Buffer.from(name, "utf8"),
      crc: 0,
      size: 0,
      offset: this.offset,
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(FLAG_DATA_DESCRIPTOR | FLAG_UTF8, 6);
    local.writeUInt16LE(entry.name.length, 26);
    await this.write(Buffer.concat([local, entry.name]));
    for await (const chunk of data as AsyncIterable<Buffer>) {
      entry.crc = crc32(chunk, entry.crc);
      entry.size += chunk.length;
      await this.write(chunk);
    }
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(entry.crc >>> 0, 4);
    descriptor.writeUInt32LE(entry.size, 8);
    descriptor.writeUInt32LE(entry.size, 12);
    await this.write(descriptor);
    this.entries.push(entry);
  }

  /** Writes the central directory and ends the archive. */
  async finish(): Promise<void> {
    const start = this.offset;
    for (const entry of this.entries) {
      const central = Buffer.alloc(46);
      central.writeUInt32LE(0x02014b50, 0);
      central.writeUInt16LE(20, 4);
      central.writeUInt16LE(20, 6);
      central.writeUInt16LE(FLAG_DATA_DESCRIPTOR | FLAG_UTF8, 8);
      central.writeUInt32LE(entry.crc >>> 0, 16);
      central.writeUInt32LE(entry.size, 20);
      central.writeUInt32LE(entry.size, 24);
      central.writeUInt16LE(entry.name.length, 28);
      central.writeUInt32LE(entry.offset, 42);
      await this.write(Buffer.concat([central, entry.name]));
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    await this.write(end);
    this.output.end();
  }
}
