export * from './detector.ts';
export * from './registry.ts';
export * from './thresholds.ts';
export { detectFleetOutliers, findOutliers, type Outlier } from './fleet-outlier.ts';
export { median } from './fleet-stats.ts';
export * from './peer-comparison.ts';
