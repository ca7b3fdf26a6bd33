// Which shops the PIM's periodic jobs run for.
import db from "~/db.server";

export async function installedShops(): Promise<string[]> {
  const rows = await db.shop.findMany({
    where: { status: "INSTALLED" },
    select: { shop: true },
  });
  return rows.map((r) => r.shop);
}
