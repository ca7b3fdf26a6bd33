// Changing one query parameter of the current page (filters, paging, views): the other parameters stay.
import { useNavigate, useSearchParams } from "@remix-run/react";
import { useCallback, useEffect, useRef } from "react";

/**
 * Returns `set(key, value, { keep? })`: sets (or, with "", removes) one search parameter and navigates. A filter
 * change goes back to the first page unless `keepPage`. Two changes in quick succession both apply: each starts
 * from the URL the previous one is navigating to, not from the one still on screen.
 */
export function useSearchParam() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const latest = useRef(params.toString());
  useEffect(() => {
    latest.current = params.toString();
  }, [params]);
  return useCallback(
    (key: string, value: string, options: { keepPage?: boolean } = {}) => {
      const next = new URLSearchParams(latest.current);
      if (value) next.set(key, value);
      else next.delete(key);
      if (key !== "page" && !options.keepPage) next.delete("page");
      latest.current = next.toString();
      navigate(`?${latest.current}`);
    },
    [navigate],
  );
}
