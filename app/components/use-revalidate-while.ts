// "Look again while work runs": revalidates the page's loaders every `everyMs` while `condition` holds, at most
// `max` times in a row without news (a job that never finishes must not poll forever). `progress` is what the page
// shows of the work (counts, a status): each change starts a new budget, so a season's staging that takes longer
// than `max` looks keeps being followed while it moves. `restart()` starts a new round, e.g. after an upload.
import { useRevalidator } from "@remix-run/react";
import { useCallback, useEffect, useState } from "react";

export function useRevalidateWhile(
  condition: boolean,
  {
    everyMs = 2_000,
    max = 90,
    progress,
  }: { everyMs?: number; max?: number; progress?: string } = {},
): { restart: () => void } {
  const revalidator = useRevalidator();
  const [polls, setPolls] = useState(0);
  // News: a new budget of looks.
  useEffect(() => setPolls(0), [progress]);
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
