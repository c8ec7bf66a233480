import { useEffect, useRef } from 'react';

/** The part of an ECharts option this console uses (pie and bar charts with tooltip and legend). */
export type ChartOption = Record<string, unknown>;

/**
 * An ECharts chart (SVG renderer: crisp when printed, no canvas needed). ECharts is loaded with the first chart, so
 * that pages without charts do not carry it.
 */
export function EChart({ option, height = 220, label }: { option: ChartOption; height?: number; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let chart: { setOption(o: ChartOption): void; resize(): void; dispose(): void } | null = null;
    const onResize = () => chart?.resize();
    (async () => {
      const [core, charts, components, renderers] = await Promise.all([
        import('echarts/core'),
        import('echarts/charts'),
        import('echarts/components'),
        import('echarts/renderers'),
      ]);
      core.use([charts.PieChart, charts.BarChart, components.TooltipComponent, components.LegendComponent, components.GridComponent, renderers.SVGRenderer]);
      if (disposed || !box.current) return;
      chart = core.init(box.current, null, { renderer: 'svg' });
      chart.setOption(option);
      window.addEventListener('resize', onResize);
    })();
    return () => {
      disposed = true;
      window.removeEventListener('resize', onResize);
      chart?.dispose();
    };
  }, [option]);
  return <div ref={box} role="img" aria-label={label} style={{ height, width: '100%' }} />;
}
