// What to do about a Go finding, one sentence per rule, for the editor's hover (the JS/TS wording names
// WeakMaps and `res.on('close')`, which Go has not). Rules without a Go sentence use the JS/TS one.
import type { RuleId } from '../../findings/model';

export const GO_RULE_ADVICE: Partial<Record<RuleId, string>> = {
  'unbounded-capture':
    "Cap it with a named limit (drop the oldest: `logs = logs[1:]`, or `delete` a map key), reset it from a ticker goroutine of the factory, or delete the request's entry in a `defer` of the handler.",
  'unsynchronized-capture':
    'Hold a `sync.Mutex` of the factory (`mu.Lock()` … `mu.Unlock()`) around every read and write of it, or hand the data to one goroutine over a channel.',
};
