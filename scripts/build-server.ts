// Part of `npm run build`: compiles the web and worker entries (and the app modules they import) to plain ES
// modules in build/node/, so `npm start` and `npm run start:worker` run with node alone. Loading the app through
// a TypeScript loader at boot made the web process take 42 s to answer on a loaded machine. Dependencies stay in
// node_modules (externalised); the Remix request handler itself is the vite build in build/server/.
import { build } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

const started = Date.now();
await build({
  configFile: false,
  logLevel: "warn",
  plugins: [tsconfigPaths()],
  build: {
    ssr: true,
    target: "node20",
    outDir: "build/node",
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: {
      input: {
        web: "app/web/main.server.ts",
        worker: "app/worker/main.server.ts",
      },
      output: { format: "esm", entryFileNames: "[name].js" },
    },
  },
});
console.log(
  `build/node: web.js and worker.js built in ${Date.now() - started} ms`,
);
