// A product page image row (shared by the loader and the card).
export interface ProductImage {
  assetId: string;
  title: string;
  status: string;
  role: string;
  position: number;
  /** Variant titles; empty for a product-level link (every variant). */
  variants: string[];
  versionNumber: number | null;
  thumbnailUrl: string | null;
}
