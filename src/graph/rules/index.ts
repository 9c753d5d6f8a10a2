/** The rules both stores share (time model, orders and keys, limits); see src/graph/store.ts for the rule text. */
export * from './time';
export * from './order';
export * from './limits';
