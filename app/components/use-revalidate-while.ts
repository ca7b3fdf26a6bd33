// "Look again while work runs": revalidates the page's loaders every `everyMs` while `condition` holds, at most
// `max` times in a row (a job that never finishes must not poll forever). `restart()` starts a new round, e.g.
// after an upload.
import { useRevalidator } from "@remix-run/react";
import { useCallback, useEffect, useState } from "react";

export function useRevalidateWhile(
  condition: boolean,
  { everyMs = 2_000, max = 90 }: { everyMs?: number; max?: number } = {},
): { restart: () => void } {
  const revalidator = useRevalidator();
  const [polls, setPolls] = useState(0);
  useEffect(() => {
    if (!condition || polls >= max || revalidator.state !== "idle") return;
    const timer = setTimeout(() => {
      setPolls((n) => n + 1);
      revalidator.revalidate();
    }, everyMs);
    return () => clearTimeout(timer);
  }, [condition, polls, max, everyMs, revalidator]);
  const restart = useCallback(() => {
    setPolls(0);
    revalidator.revalidate();
  }, [revalidator]);
  return { restart };
}
