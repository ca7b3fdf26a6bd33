// Changing one query parameter of the current page (filters, paging, views): the other parameters stay.
import { useNavigate, useSearchParams } from "@remix-run/react";
import { useCallback } from "react";

/**
 * Returns `set(key, value, { keep? })`: sets (or, with "", removes) one search parameter and navigates. A filter
 * change goes back to the first page unless `keepPage`.
 */
export function useSearchParam() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  return useCallback(
    (key: string, value: string, options: { keepPage?: boolean } = {}) => {
      const next = new URLSearchParams(params);
      if (value) next.set(key, value);
      else next.delete(key);
      if (key !== "page" && !options.keepPage) next.delete("page");
      navigate(`?${next.toString()}`);
    },
    [params, navigate],
  );
}
