// Chart.js with only the parts the statistics pages use, loaded on demand so
// the rest of the app does not carry it.
import {
  BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement,
  PointElement, Tooltip,
} from 'chart.js';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale,
  LinearScale, Legend, Tooltip);

export { Chart };
