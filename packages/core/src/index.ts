export * from './model/probe-id.ts';
export * from './model/rule-id.ts';
export * from './model/artifact.ts';
export * from './model/warning.ts';
export * from './model/node-state.ts';
export * from './model/finding.ts';
export * from './probes/catalogue.ts';
