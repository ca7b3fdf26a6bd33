// Daily p95 approval → live per channel, drawn with Polaris Viz on the client (it measures the DOM, so it is
// not rendered on the server; the numbers beside it are).
import { LineChart, PolarisVizProvider } from "@shopify/polaris-viz";
import { useEffect, useState } from "react";

export interface LatencySeries {
  name: string;
  points: { day: string; p95Ms: number | null }[];
}

export function LatencyChart({ series }: { series: LatencySeries[] }) {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  if (!mounted) return <div style={{ height: 240 }} />;
  return (
    <PolarisVizProvider>
      <div style={{ height: 240 }}>
        <LineChart
          theme="Light"
          data={series.map((s) => ({
            name: s.name,
            data: s.points.map((p) => ({
              key: p.day,
              value: p.p95Ms === null ? null : Math.round(p.p95Ms),
            })),
          }))}
          yAxisOptions={{
            labelFormatter: (value) => `${Number(value ?? 0) / 1000} s`,
          }}
        />
      </div>
    </PolarisVizProvider>
  );
}
