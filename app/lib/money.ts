// Money as integer minor units + currency (STYLE.md), and the conversions from and to Shopify's decimal strings
// and the feeds' "12.50 EUR". Pure.

export interface Money {
  /** Integer minor units (cents). */
  amount: number;
  currency: string;
}

/** How many fraction digits the currency's minor unit has (2 for EUR, 0 for JPY). */
function minorDigits(currency: string): number {
  return (
    new Intl.NumberFormat("en", {
      style: "currency",
      currency,
    }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

/** "129.00" in `currency` → minor units. */
export function toMoney(price: string | null, currency: string): Money {
  const digits = minorDigits(currency);
  return { amount: Math.round(Number(price ?? "0") * 10 ** digits), currency };
}

/** "12.50 EUR" from minor units, the format Google and Meta expect. */
export function formatPrice({ amount, currency }: Money): string {
  const digits = minorDigits(currency);
  return `${(amount / 10 ** digits).toFixed(digits)} ${currency}`;
}
