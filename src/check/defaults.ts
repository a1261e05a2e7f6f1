// Defaults and limits of a check, the same for the CLI and the editor's settings.
export const CHECK_DEFAULTS = { rate: 200, durationS: 30, startupS: 60, minBytesPerRequest: 64, outDir: '.leaklens/check' } as const;
/** The load stays bounded: at most this rate and time; at least the time the verdict needs (15 s of post-GC points). */
export const CHECK_LIMITS = { maxRate: 5000, minDurationS: 20, maxDurationS: 3600 } as const;
