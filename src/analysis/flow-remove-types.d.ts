// The part of flow-remove-types' API that the Flow support uses (the package ships no typings).
declare module 'flow-remove-types' {
  interface Options {
    /** Strip files without an `@flow` pragma too. */
    all?: boolean;
    /** Remove the types outright instead of blanking them (moves offsets: never used here). */
    pretty?: boolean;
  }
  /** Parses `source` with Flow's parser (throws on a syntax error) and blanks every type annotation out. */
  export default function flowRemoveTypes(source: string, options?: Options): { toString(): string };
}
