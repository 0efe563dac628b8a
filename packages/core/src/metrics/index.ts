export { computeMetrics } from './compute-metrics.ts';
export { fmtBytes, fmtInt, fmtMetric, fmtNum, fmtSeconds } from './format.ts';
export {
  isMetricName,
  KEY_METRICS,
  METRIC_UNITS,
  METRICS,
  type MetricSpec,
  type MetricUnit,
  metricSpec,
} from './metric-catalogue.ts';
