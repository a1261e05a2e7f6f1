// Library entry (`require('leaklens')`): the pure engines.
export * from './analysis/index';
