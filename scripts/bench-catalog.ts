// `npm run bench:catalog`: seeds 100k products / 1M attribute values into a fresh database (SQLite by default,
// PostgreSQL when DATABASE_URL is postgresql://…) and times the products index queries server-side: search,
// filters, sorts, first and deep pages. Not part of `npm test`. Options: --products=N --values-per-product=M
// --runs=R --keep (keep the database to inspect plans). The last line is `RESULT catalog products=N values=M search_p50_ms=X search_p95_ms=Y`.
import { performance } from "node:perf_hooks";
import { benchRun, numberArg as arg } from "./bench/setup";

const PRODUCTS = arg("products", 100_000);
const VALUES_PER_PRODUCT = arg("values-per-product", 10);
const RUNS = arg("runs", 15);
const SHOP = "bench.myshopify.com";

// The bench never talks to Shopify; the app's env parser still wants its settings.
const run = await benchRun("catalog");
const { url } = run;
const { default: db } = await import("~/db.server");
const { listProducts, parseProductsIndexQuery } =
  await import("~/pim/products-index.db.server");

const log = run.say;

const VENDORS = [
  "Maison Vitrine",
  "Atelier Nord",
  "Laine & Co",
  "Forest Goods",
];
const TYPES = ["Coats", "Knitwear", "Trousers", "Accessories"];
const WORDS = [
  "wool",
  "cashmere",
  "camel",
  "navy",
  "wrap",
  "parka",
  "cable",
  "chino",
  "scarf",
  "beanie",
];
const CHANNELS = ["SHOPIFY_STOREFRONT", "GOOGLE_MERCHANT", "MARKETPLACE"];

const { dbProvider } = await import("~/db.server");
const TEMPLATE_SHOP = "bench-template.myshopify.com";

/** `CASE expr % k WHEN 0 THEN 'a' … END`: deterministic choice from a list inside SQL. */
const pick = (expr: string, list: readonly string[]) =>
  `CASE (${expr}) % ${list.length} ${list
    .map((v, i) => `WHEN ${i} THEN '${v.replaceAll("'", "''")}'`)
    .join(" ")} END`;

/** A CTE `seq(n)` of `from`..`to` on either provider. */
const seq = (from: number, to: number) =>
  dbProvider === "postgresql"
    ? `WITH seq(n) AS (SELECT generate_series(${from}, ${to}))`
    : `WITH RECURSIVE seq(n) AS (SELECT ${from} UNION ALL SELECT n + 1 FROM seq WHERE n < ${to})`;

// Rows are generated inside the database (INSERT … SELECT over a number sequence): seeding 1M values through
// the client would take minutes and is not what is measured. Dates and JSON are copied from template rows
// written by Prisma, so both providers get their native encodings.
async function seed(): Promise<number> {
  const started = performance.now();
  await db.shop.create({ data: { shop: SHOP, primaryLocale: "en" } });
  await db.shop.create({ data: { shop: TEMPLATE_SHOP } });
  const attributes = Array.from({ length: VALUES_PER_PRODUCT }, (_, i) => ({
    id: `attr${i}`,
    shop: SHOP,
    key: `attribute_${i}`,
    labels: { en: `Attribute ${i}` },
    type: "single_line_text",
    validation: {},
    position: i,
  }));
  await db.attributeDefinition.createMany({ data: attributes });
  await db.family.createMany({
    data: TYPES.map((type, i) => ({
      id: `fam${i}`,
      shop: SHOP,
      name: type,
      productTypes: [type],
      categoryIds: [],
    })),
  });
  await db.product.create({
    data: {
      id: "template",
      shop: TEMPLATE_SHOP,
      shopifyId: "gid://shopify/Product/0",
      handle: "template",
      title: "template",
      status: "ACTIVE",
      tags: [],
      variants: {
        create: {
          shop: TEMPLATE_SHOP,
          shopifyId: "gid://shopify/ProductVariant/0",
          title: "template",
          selectedOptions: [{ name: "Size", value: "M" }],
        },
      },
      completeness: {
        create: {
          shop: TEMPLATE_SHOP,
          channel: "SHOPIFY_STOREFRONT",
          percent: 0,
          missing: [],
        },
      },
    },
  });
  const BATCH = 20_000;
  for (let start = 0; start < PRODUCTS; start += BATCH) {
    const end = Math.min(PRODUCTS, start + BATCH) - 1;
    const word1 = pick("n", WORDS);
    const word2 = pick("n * 7", WORDS);
    const vendor = pick("n", VENDORS);
    const type = pick("n", TYPES);
    const title = `${word1} || ' ' || ${word2} || ' ' || LOWER(${type}) || ' ' || n`;
    await db.$executeRawUnsafe(`${seq(start, end)}
      INSERT INTO "Product" ("id", "shop", "shopifyId", "handle", "title", "descriptionHtml", "vendor",
        "productType", "status", "tags", "createdAt", "updatedAt", "familyId", "pimStatus", "searchText")
      SELECT 'p' || n, '${SHOP}', 'gid://shopify/Product/' || (n + 1), 'product-' || n, ${title}, '',
        ${vendor}, ${type}, CASE WHEN n % 10 = 0 THEN 'DRAFT' ELSE 'ACTIVE' END, t."tags", t."createdAt",
        t."updatedAt", 'fam' || (n % ${TYPES.length}), ${pick("n", ["DRAFT", "APPROVED", "PENDING"])},
        LOWER(${title} || ' product-' || n || ' ' || ${vendor} || ' ' || ${type} || ' sku-' || n || '-a sku-' || n || '-b')
      FROM seq, "Product" t WHERE t."id" = 'template'`);
    for (const [position, v] of ["a", "b"].entries())
      await db.$executeRawUnsafe(`${seq(start, end)}
        INSERT INTO "Variant" ("id", "shop", "productId", "shopifyId", "title", "sku", "position",
          "selectedOptions", "availableForSale", "createdAt", "updatedAt")
        SELECT 'v' || n || '${v}', '${SHOP}', 'p' || n, 'gid://shopify/ProductVariant/' || (n * 2 + ${position + 1}),
          '${v.toUpperCase()}', 'SKU-' || n || '-${v}', ${position}, t."selectedOptions", t."availableForSale",
          t."createdAt", t."updatedAt"
        FROM seq, "Variant" t WHERE t."shopifyId" = 'gid://shopify/ProductVariant/0'`);
    for (const [i, attribute] of attributes.entries())
      await db.$executeRawUnsafe(`${seq(start, end)}
        INSERT INTO "AttributeValue" ("id", "shop", "productId", "ownerId", "attributeId", "locale", "channel",
          "draft", "updatedAt")
        SELECT 'av' || n || '_${i}', '${SHOP}', 'p' || n, 'p' || n, '${attribute.id}', '*', '*',
          '"${attribute.key} value ' || n || '"', t."updatedAt"
        FROM seq, "Product" t WHERE t."id" = 'template'`);
    for (const [c, channel] of CHANNELS.entries())
      await db.$executeRawUnsafe(`${seq(start, end)}
        INSERT INTO "ProductCompleteness" ("productId", "shop", "channel", "percent", "missing")
        SELECT 'p' || n, '${SHOP}', '${channel}', CASE WHEN n % 5 = 0 AND ${c} > 0 THEN 90 ELSE 100 END, t."missing"
        FROM seq, "ProductCompleteness" t WHERE t."productId" = 'template'`);
    log(`seeded ${end + 1} products`);
  }
  // Fresh statistics, as a production database would have: both planners need them to pick the indexes.
  // PostgreSQL also needs the visibility map (VACUUM) for index-only scans, as autovacuum would have done.
  await db.$executeRawUnsafe(
    dbProvider === "postgresql" ? "VACUUM ANALYZE" : "ANALYZE",
  );
  const values = await db.attributeValue.count({ where: { shop: SHOP } });
  log(
    `seeded ${PRODUCTS} products, ${values} values in ${Math.round((performance.now() - started) / 1000)} s`,
  );
  return values;
}

const deepPage = Math.max(1, Math.floor(PRODUCTS / 50 / 2));
const QUERIES: Record<string, string> = {
  "first page by title": "",
  "search word": "q=cashmere",
  "search sku": `q=sku-${Math.floor(PRODUCTS / 2)}-a`,
  "vendor + type": "vendor=Atelier+Nord&productType=Knitwear",
  "family + incomplete on Google":
    "familyId=fam1&channel=GOOGLE_MERCHANT&completeness=incomplete",
  "status approved, sort updated": "status=APPROVED&sort=updated",
  "search + filters + sort":
    "q=wool&vendor=Laine+%26+Co&status=PENDING&sort=updated",
  [`deep page ${deepPage}`]: `page=${deepPage}`,
  "deep page of a filter": "productType=Coats&page=200",
};

function percentile(sorted: number[], p: number): number {
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ]!;
}

try {
  const values = await seed();
  const all: number[] = [];
  for (const [name, search] of Object.entries(QUERIES)) {
    const query = parseProductsIndexQuery(new URLSearchParams(search));
    await listProducts(SHOP, query); // warm
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < RUNS; i += 1) {
      const t0 = performance.now();
      rows = (await listProducts(SHOP, query)).rows.length;
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    all.push(...times);
    log(
      `${name.padEnd(34)} rows=${String(rows).padStart(2)} p50=${percentile(times, 50).toFixed(1)} ms p95=${percentile(times, 95).toFixed(1)} ms`,
    );
  }
  all.sort((a, b) => a - b);
  await db.$disconnect();
  console.log(
    `RESULT catalog products=${PRODUCTS} values=${values} search_p50_ms=${percentile(all, 50).toFixed(1)} search_p95_ms=${percentile(all, 95).toFixed(1)}`,
  );
} finally {
  await db.$disconnect().catch(() => undefined);
  if (process.argv.includes("--keep")) log(`kept ${url}`);
  else await run.cleanUp();
}
