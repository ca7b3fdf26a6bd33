import { useEffect, useState } from "react";

/**
 * A timestamp in the viewer's locale and time zone. The server (and the first client render) print the UTC ISO
 * form, so hydration matches whatever the browser's locale is; the local form replaces it after mount.
 */
export function LocalTime({
  iso,
  dateOnly = false,
}: {
  iso: string;
  dateOnly?: boolean;
}) {
  const [text, setText] = useState(
    dateOnly ? iso.slice(0, 10) : `${iso.slice(0, 16).replace("T", " ")} UTC`,
  );
  useEffect(() => {
    const date = new Date(iso);
    setText(dateOnly ? date.toLocaleDateString() : date.toLocaleString());
  }, [iso, dateOnly]);
  return <time dateTime={iso}>{text}</time>;
}
