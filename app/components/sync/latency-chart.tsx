// Daily p95 of replacements, approval → live, per channel, drawn with Polaris Viz. Loaded lazily by LatencyCard
// in the browser only (Polaris Viz measures the DOM, and its script is large): the numbers are server-rendered.
import { LineChart, PolarisVizProvider } from "@shopify/polaris-viz";

export interface LatencySeries {
  name: string;
  points: { day: string; p95Ms: number | null }[];
}

export default function LatencyChart({ series }: { series: LatencySeries[] }) {
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
