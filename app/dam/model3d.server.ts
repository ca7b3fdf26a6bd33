// 3D models (GLB, binary glTF 2.0): validated by Khronos's glTF validator in a child process that is killed at a
// deadline and has its own heap cap (a hostile model must not stall the web process), plus the facts the library
// and channels show: bounding box, vertex and triangle counts, materials, animations.
//
// The still image of a model is a generated card (an isometric box in the model's proportions, its name and
// size), not a rendering: rendering glTF needs a GPU or a software rasteriser this server does not ship.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { z } from "zod";
import { Invalid } from "~/lib/errors";
import type { ModelFacts } from "./media-view";

const VALIDATE_SECONDS = 20;
const HEAP_MB = 256;

const CHILD = `
const validator = require(process.env.VITRINE_GLTF_VALIDATOR);
const bytes = require("node:fs").readFileSync(process.env.VITRINE_MODEL);
validator.validateBytes(new Uint8Array(bytes), {
  maxIssues: 10,
  externalResourceFunction: () => Promise.reject(new Error("external resources are not allowed")),
}).then((report) => {
  let json = null;
  if (report.issues.numErrors === 0) {
    const length = bytes.readUInt32LE(12);
    json = JSON.parse(bytes.subarray(20, 20 + length).toString("utf8"));
  }
  process.stdout.write(JSON.stringify({ issues: report.issues, info: report.info, json }));
}).catch((error) => { process.stderr.write(String(error && error.message)); process.exit(1); });
`;

const report = z.object({
  issues: z.object({
    numErrors: z.number(),
    messages: z.array(
      z.object({ code: z.string(), message: z.string(), severity: z.number() }),
    ),
  }),
  info: z
    .object({
      totalVertexCount: z.number().optional(),
      totalTriangleCount: z.number().optional(),
      materialCount: z.number().optional(),
      animationCount: z.number().optional(),
      hasTextures: z.boolean().optional(),
      generator: z.string().optional(),
    })
    .optional(),
  json: z
    .object({
      accessors: z
        .array(
          z.object({
            min: z.array(z.number()).optional(),
            max: z.array(z.number()).optional(),
          }),
        )
        .optional(),
      meshes: z
        .array(
          z.object({
            primitives: z.array(
              z.object({ attributes: z.record(z.string(), z.number()) }),
            ),
          }),
        )
        .optional(),
    })
    .nullable(),
});

export type { ModelFacts };

let validatorPath: string | undefined;

function runValidator(file: string): Promise<string> {
  validatorPath ??= createRequire(import.meta.url).resolve("gltf-validator");
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [`--max-old-space-size=${HEAP_MB}`, "-e", CHILD],
      {
        env: {
          NODE_ENV: process.env.NODE_ENV,
          PATH: process.env.PATH ?? "",
          VITRINE_GLTF_VALIDATOR: validatorPath as string,
          VITRINE_MODEL: file,
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let out = "";
    let err = "";
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, VALIDATE_SECONDS * 1000);
    child.stdout.on("data", (chunk: Buffer) => {
      if (out.length < 8 * 1024 * 1024) out += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      if (err.length < 2000) err += chunk.toString("utf8");
    });
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      if (timedOut)
        reject(
          new Invalid(
            `the 3D model took more than ${VALIDATE_SECONDS} s to validate`,
          ),
        );
      else if (code === 0) resolve(out);
      else
        reject(
          new Invalid(
            `the 3D model cannot be read (${err.trim().slice(0, 200) || `exit ${code}`})`,
          ),
        );
    });
  });
}

function boundingBoxOf(
  json: NonNullable<z.infer<typeof report>["json"]>,
): ModelFacts["boundingBox"] {
  const min = [Infinity, Infinity, Infinity];
  const max = [-Infinity, -Infinity, -Infinity];
  for (const mesh of json.meshes ?? [])
    for (const primitive of mesh.primitives) {
      const accessor = json.accessors?.[primitive.attributes.POSITION ?? -1];
      if (!accessor?.min || !accessor.max) continue;
      for (let i = 0; i < 3; i++) {
        min[i] = Math.min(min[i]!, accessor.min[i] ?? 0);
        max[i] = Math.max(max[i]!, accessor.max[i] ?? 0);
      }
    }
  if (!Number.isFinite(min[0])) return null;
  const size = (i: number) => Math.round((max[i]! - min[i]!) * 1000) / 1000;
  return { x: size(0), y: size(1), z: size(2) };
}

/**
 * Validates a GLB file against the glTF 2.0 specification and reads its facts. Throws `Invalid` naming the first
 * error for a corrupt, truncated or non-2.0 model, or one that refers to external files (a GLB must carry its
 * buffers and textures inside). Bounded: a child process with a deadline and a heap cap.
 */
export async function validateModel(file: string): Promise<ModelFacts> {
  const parsed = report.safeParse(JSON.parse(await runValidator(file)));
  if (!parsed.success)
    throw new Invalid("the 3D model cannot be read (no validation report)");
  const { issues, info, json } = parsed.data;
  if (issues.numErrors > 0 || !json) {
    const first = issues.messages.find((m) => m.severity === 0);
    throw new Invalid(
      `the 3D model is not valid glTF 2.0: ${first?.message ?? "unknown error"}${first ? ` (${first.code})` : ""}`,
    );
  }
  return {
    boundingBox: boundingBoxOf(json),
    vertexCount: info?.totalVertexCount ?? 0,
    triangleCount: info?.totalTriangleCount ?? 0,
    materialCount: info?.materialCount ?? 0,
    animationCount: info?.animationCount ?? 0,
    hasTextures: info?.hasTextures ?? false,
    generator: info?.generator ?? null,
  };
}

const escapeXml = (text: string) =>
  text.replace(
    /[<>&"']/g,
    (c) =>
      ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&#39;" })[
        c
      ]!,
  );

/**
 * The model's still image: an SVG card (1200×1200) with an isometric box in the model's proportions, its name,
 * size and triangle count. Rendered to JPEG/WebP by the image pipeline like any other master.
 */
export function modelStillSvg(title: string, facts: ModelFacts): Buffer {
  const box = facts.boundingBox ?? { x: 1, y: 1, z: 1 };
  const longest = Math.max(box.x, box.y, box.z) || 1;
  const [w, h, d] = [box.x, box.y, box.z].map(
    (v) => Math.max(0.08, v / longest) * 420,
  ) as [number, number, number];
  // Isometric projection: x goes right-down, z goes left-down, y goes up.
  const c = Math.cos(Math.PI / 6);
  const s = 0.5;
  const ox = 600 + ((d - w) * c) / 2;
  const oy = 560 + h / 2 - ((w + d) * s) / 2;
  const p = (x: number, y: number, z: number) =>
    `${(ox + (x - z) * c).toFixed(1)},${(oy + (x + z) * s - y).toFixed(1)}`;
  const face = (points: string[], fill: string) =>
    `<polygon points="${points.join(" ")}" fill="${fill}" stroke="#1f2937" stroke-width="3"/>`;
  const size = facts.boundingBox
    ? `${box.x} × ${box.y} × ${box.z} m`
    : "size unknown";
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="1200" viewBox="0 0 1200 1200">` +
      `<rect width="1200" height="1200" fill="#f4f4f5"/>` +
      face([p(0, h, 0), p(w, h, 0), p(w, h, d), p(0, h, d)], "#e4e4e7") +
      face([p(w, 0, 0), p(w, h, 0), p(w, h, d), p(w, 0, d)], "#a1a1aa") +
      face([p(0, 0, d), p(w, 0, d), p(w, h, d), p(0, h, d)], "#d4d4d8") +
      `<text x="600" y="1010" font-family="sans-serif" font-size="56" text-anchor="middle" fill="#111827">${escapeXml(title.slice(0, 40))}</text>` +
      `<text x="600" y="1085" font-family="sans-serif" font-size="40" text-anchor="middle" fill="#4b5563">3D model · ${escapeXml(size)} · ${facts.triangleCount.toLocaleString("en")} triangles</text>` +
      `</svg>`,
  );
}
