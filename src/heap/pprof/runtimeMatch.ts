// The Go runtime match moved to src/correlate/profileMatch.ts; this name stays importable for callers
// written against the old place.
export { matchProfileGrowth, type GoConfirmation, type GoRuntimeMatch } from '../../correlate/profileMatch';
