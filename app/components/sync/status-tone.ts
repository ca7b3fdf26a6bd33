// The badge tone of a product × channel sync status, the same on every screen.
export function statusTone(
  status: string,
): "success" | "critical" | "warning" | "attention" | "info" | undefined {
  if (status === "LIVE") return "success";
  if (status === "FAILED") return "critical";
  if (status === "BLOCKED" || status === "DRIFT") return "warning";
  if (status === "NOT_LISTED") return "attention";
  if (status === "SUPERSEDED") return undefined;
  return "info";
}
