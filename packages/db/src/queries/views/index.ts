// Read models for the API (fleet, node, snapshot, trends). Each file one view.
export * from './artifact-text.ts';
export * from './fleet-aggregates.ts';
export * from './fleet-metrics.ts';
export * from './fleet-overview.ts';
export * from './fleet-rows-cache.ts';
export * from './fleet-sort.ts';
export * from './fleet-sparklines.ts';
export * from './fleet-view.ts';
export * from './node-detail.ts';
export * from './node-peers.ts';
export * from './node-trends.ts';
export * from './peer-outliers.ts';
export * from './prometheus-metrics.ts';
export * from './request-collection.ts';
export * from './snapshot-bundle.ts';
export * from './snapshot-detail.ts';
export * from './upload-target.ts';
