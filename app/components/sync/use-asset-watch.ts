// Follows an approval on the asset page without reloading: while any channel is pending, asks the small watch
// loader every second (bounded), then stops. A new approval (the page's loader data changes) starts again.
import { useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import type { AssetWatch } from "~/sync/asset-watch";
import type { AssetUsage } from "./asset-usage-card";

export interface WatchData {
  watch: AssetWatch | null;
  states: AssetUsage["states"];
}

const EVERY_MS = 1_000;
const MAX_POLLS = 900;

export function useAssetWatch(assetId: string, initial: WatchData): WatchData {
  const fetcher = useFetcher<WatchData>();
  const [current, setCurrent] = useState(initial);
  const polls = useRef(0);
  // The page's own loader ran again (after Approve, an upload, a link): start from its answer.
  useEffect(() => {
    setCurrent(initial);
    polls.current = 0;
  }, [initial]);
  useEffect(() => {
    if (fetcher.data) setCurrent(fetcher.data);
  }, [fetcher.data]);
  const inFlight = current.watch?.inFlight ?? false;
  const { load, state } = fetcher;
  useEffect(() => {
    if (!inFlight || state !== "idle" || polls.current >= MAX_POLLS) return;
    const timer = setTimeout(() => {
      polls.current += 1;
      load(`/app/assets/${assetId}/watch`);
    }, EVERY_MS);
    return () => clearTimeout(timer);
  }, [inFlight, state, load, assetId, current]);
  return current;
}
