export * from './catalogue.ts';
export * from './rule-spec.ts';
