import { printType } from "graphql";
import { adminSchema } from "./emulator/schema.ts";
const s = adminSchema();
for (const n of process.argv.slice(2)) { const t = s.getType(n); console.log(t ? printType(t) : `no ${n}`); }
