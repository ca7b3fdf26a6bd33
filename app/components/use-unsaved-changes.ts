// Unsaved edits in a form are never dropped silently: the form is dirty while what it would post differs from what
// it started with; while dirty, leaving the page (a link, a view switch through the URL, the back action) is held
// until the merchant chooses, and closing the tab asks the browser's question. Posting the form itself is a
// navigation to the same URL and is never held.
import { useBeforeUnload, useBlocker } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";

function snapshot(form: HTMLFormElement): string {
  const entries: [string, string][] = [];
  for (const [key, value] of new FormData(form).entries())
    if (typeof value === "string") entries.push([key, value]);
  return JSON.stringify(entries);
}

/**
 * `formRef` goes on the form and `onChange` on its change/input events. `reset()` marks the form clean again
 * after it was remounted or saved (the new snapshot is taken on the next frame).
 */
export function useUnsavedChanges(resetKey: string) {
  const formRef = useRef<HTMLFormElement>(null);
  const initial = useRef<string | null>(null);
  const [dirty, setDirty] = useState(false);
  // A remount (a new key: saved, reverted, discarded, another view) starts clean from what it shows.
  useEffect(() => {
    setDirty(false);
    const frame = requestAnimationFrame(() => {
      initial.current = formRef.current ? snapshot(formRef.current) : null;
    });
    return () => cancelAnimationFrame(frame);
  }, [resetKey]);
  const onChange = useCallback(() => {
    if (!formRef.current || initial.current === null) return;
    setDirty(snapshot(formRef.current) !== initial.current);
  }, []);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty &&
      (currentLocation.pathname !== nextLocation.pathname ||
        currentLocation.search !== nextLocation.search),
  );
  useBeforeUnload(
    useCallback(
      (event: BeforeUnloadEvent) => {
        if (!dirty) return;
        event.preventDefault();
        event.returnValue = "";
      },
      [dirty],
    ),
  );
  return { formRef, dirty, onChange, blocker };
}
