// How a DATABASE_URL selects the provider. Shared by the runtime client, the Prisma CLI config and scripts.

export type DbProvider = "sqlite" | "postgresql";

export function providerOf(databaseUrl: string): DbProvider {
  return /^postgres(ql)?:\/\//.test(databaseUrl) ? "postgresql" : "sqlite";
}

/** The file path of a SQLite URL (`file:./data/x.sqlite` → `./data/x.sqlite`), relative to the working directory. */
export function sqliteFile(databaseUrl: string): string {
  return databaseUrl.replace(/^file:/, "");
}
