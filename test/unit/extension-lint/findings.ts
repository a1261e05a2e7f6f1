// Hand-built findings in the engine's shape, as inputs for the editor's pure mapping code.
import type { Finding, Range } from '../../../src/findings/model';

export function range(line: number, column: number, endLine: number, endColumn: number, start = 0, end = 0): Range {
  return { line, column, endLine, endColumn, start, end };
}

export function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    rule: 'unbounded-capture',
    severity: 'warning',
    message: "'logs' grows with push on every request handled by 'logger' and lives as long as the server",
    range: range(5, 5, 5, 19),
    related: [
      { message: "'logs' is declared here, outside the handler", range: range(2, 9, 2, 13) },
      { message: "'logger' returns the handler", range: range(1, 10, 1, 16) },
    ],
    target: 'logs',
    handler: 'logger',
    growth: 'push',
    fixes: [],
    ...overrides,
  };
}
