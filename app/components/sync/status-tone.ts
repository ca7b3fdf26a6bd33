// The badge tone of a product × channel sync status, the same on every screen.
export function statusTone(
  status: string,
): "success" | "critical" | "warning" | "info" {
  if (status === "LIVE") return "success";
  if (status === "FAILED") return "critical";
  if (status === "BLOCKED" || status === "DRIFT") return "warning";
  return "info";
}
