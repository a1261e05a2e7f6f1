// A row of block characters for a series, scaled between its own minimum and maximum (the CLI's table and
// the editor's Fleet view both draw one per instance).
const BLOCKS = '▁▂▃▄▅▆▇█';

export function sparkline(values: readonly number[]): string {
  if (!values.length) return '';
  const min = Math.min(...values);
  const span = Math.max(...values) - min;
  return values.map((v) => BLOCKS[span > 0 ? Math.min(BLOCKS.length - 1, Math.floor(((v - min) / span) * BLOCKS.length)) : 0]).join('');
}
