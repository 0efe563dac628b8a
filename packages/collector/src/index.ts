export * from './service/collect-node.ts';
export * from './service/worker.ts';
export * from './snapshot/index.ts';
export * from './ssh/index.ts';
