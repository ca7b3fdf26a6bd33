// The integration test files that use no database: the marketplace client against its receiver, the storage
// providers, the document headers and the theme app extension's check. Checked by running every integration file
// with DATABASE_URL at a server that counts connections: these six opened none (the worker test does, through the
// worker process it starts). They run in the SQLite run only: the PostgreSQL run of `npm test` skips them
// (SKIP_DATABASE_FREE_TESTS=1), since running them again there would test nothing new. To keep the list honest,
// integration-setup.ts gives these files no database: one that starts using it fails.
export const databaseFreeTestFiles = [
  "test/integration/document-headers.test.ts",
  "test/integration/marketplace-batch.test.ts",
  "test/integration/marketplace.test.ts",
  "test/integration/media-theme-extension.test.ts",
  "test/integration/storage-contract.test.ts",
  "test/integration/storage-s3-presigned.test.ts",
];

/** Whether the test file at `testPath` (absolute, or relative to the repository) is one of databaseFreeTestFiles. */
export function isDatabaseFree(testPath: string): boolean {
  return databaseFreeTestFiles.some(
    (file) => testPath.endsWith(`/${file}`) || testPath === file,
  );
}
