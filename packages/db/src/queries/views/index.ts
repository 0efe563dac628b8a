// Read models for the API (fleet, node, snapshot, trends). Each file one view.
export * from './fleet-metrics.ts';
export * from './fleet-overview.ts';
export * from './fleet-sort.ts';
export * from './fleet-sparklines.ts';
export * from './fleet-view.ts';
export * from './peer-outliers.ts';
