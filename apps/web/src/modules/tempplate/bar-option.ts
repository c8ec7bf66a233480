/** The ECharts option of a grouped bar chart: one bar per series over the categories (departments, rules). */
export function barOption(categories: string[], series: { name: string; data: number[] }[], opts: { rotate?: number } = {}) {
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: series.map((s) => s.name) },
    grid: { left: 50, right: 20, bottom: opts.rotate ? 60 : 30, top: 40 },
    xAxis: { type: 'category', data: categories, ...(opts.rotate ? { axisLabel: { rotate: opts.rotate } } : {}) },
    yAxis: { type: 'value' },
    series: series.map((s) => ({ ...s, type: 'bar' })),
  };
}
