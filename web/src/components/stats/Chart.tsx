// A bar or line chart (Chart.js, only the parts used are registered). The
// canvas is an image with an accessible name; the table beside it is the
// accessible alternative with every figure. Missing (protected) values are
// gaps, never zeros.
import type { Chart, ChartConfiguration } from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';
import { useLang } from '../../i18n';

let chartModule: Promise<typeof import('./chartSetup')> | null = null;
const loadChart = () => (chartModule ??= import('./chartSetup'));

/**
 * Series colours: each at least 3:1 against white (WCAG 1.4.11), told apart
 * by hue and, on line charts, by point shape too.
 */
export const SERIES_COLOURS = [
  '#1d4f91', '#b35900', '#2e7d32', '#8e24aa', '#c62828', '#00796b', '#5d4037', '#3949ab', '#ad1457',
  '#546e7a', '#6d8a00', '#0277bd',
];
const POINT_STYLES = ['circle', 'rect', 'triangle', 'rectRot', 'crossRot', 'star'] as const;

export interface Series {
  label: string;
  data: (number | null)[];
}

interface Props {
  kind: 'bar' | 'line';
  labels: string[];
  series: Series[];
  /** The accessible name of the chart (what it shows and where the figures are). */
  label: string;
  /** The text inside the canvas for browsers without canvas. */
  fallback: string;
  yTitle?: string;
  testid?: string;
}

const reducedMotion = (): boolean =>
  typeof window !== 'undefined' && !!window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;

export function StatsChart({ kind, labels, series, label, fallback, yTitle, testid }: Props) {
  const { lang } = useLang();
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart | null>(null);

  useEffect(() => {
    if (!canvas.current) return undefined;
    const locale = lang === 'en' ? 'en-GB' : 'sv-SE';
    const config: ChartConfiguration<'bar' | 'line', (number | null)[], string> = {
      type: kind,
      data: {
        labels,
        datasets: series.map((s, i) => {
          const colour = SERIES_COLOURS[i % SERIES_COLOURS.length]!;
          return {
            label: s.label,
            data: s.data,
            backgroundColor: colour,
            borderColor: colour,
            borderWidth: kind === 'line' ? 2 : 0,
            pointStyle: POINT_STYLES[i % POINT_STYLES.length],
            pointRadius: kind === 'line' ? 4 : 0,
            spanGaps: false,
          };
        }),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: reducedMotion() ? false : { duration: 250 },
        locale,
        interaction: { mode: 'index', intersect: false },
        plugins: {
          legend: { display: series.length > 1, position: 'bottom', labels: { usePointStyle: kind === 'line' } },
          tooltip: { enabled: true },
        },
        scales: {
          x: { ticks: { color: '#1b1f24', autoSkip: true, maxRotation: 45 }, grid: { display: false } },
          y: {
            beginAtZero: true,
            ticks: { color: '#1b1f24' },
            title: yTitle ? { display: true, text: yTitle, color: '#1b1f24' } : { display: false },
          },
        },
      },
    };
    let live = true;
    loadChart().then(({ Chart: ChartJs }) => {
      if (!live || !canvas.current) return;
      chart.current?.destroy();
      chart.current = new ChartJs(canvas.current, config);
    });
    return () => {
      live = false;
    };
  }, [kind, JSON.stringify(labels), JSON.stringify(series), yTitle, lang]);

  useEffect(() => () => {
    chart.current?.destroy();
    chart.current = null;
  }, []);

  return (
    <div class="stats-chart" data-testid={testid}>
      <canvas ref={canvas} role="img" aria-label={label}>
        <p>{fallback}</p>
      </canvas>
    </div>
  );
}
