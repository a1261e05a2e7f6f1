// Deterministic source mutations shared by the fuzz test and the incremental re-lint test.

/** Deterministic PRNG (mulberry32) so a failure is reproducible from its seed. */
export function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One random edit of `code`: tokens or lines deleted, duplicated or swapped, or a truncation. */
export function mutate(code: string, random: () => number): string {
  const pick = (n: number) => Math.floor(random() * n);
  const tokens = code.match(/\w+|\s+|[^\w\s]/g) ?? [];
  const lines = code.split('\n');
  switch (pick(6)) {
    case 0:
      tokens.splice(pick(tokens.length), 1 + pick(3));
      return tokens.join('');
    case 1: {
      const i = pick(tokens.length);
      tokens.splice(i, 0, ...tokens.slice(i, i + 1 + pick(4)));
      return tokens.join('');
    }
    case 2: {
      const i = pick(tokens.length),
        j = pick(tokens.length);
      [tokens[i], tokens[j]] = [tokens[j]!, tokens[i]!];
      return tokens.join('');
    }
    case 3:
      lines.splice(pick(lines.length), 1);
      return lines.join('\n');
    case 4: {
      const i = pick(lines.length);
      lines.splice(i, 0, lines[i]!);
      return lines.join('\n');
    }
    default:
      return code.slice(0, pick(code.length));
  }
}
