// A set of event listeners with an unsubscribe function per subscription (the heap sources' `onEvent`).
export class Listeners<E> {
  private readonly set = new Set<(event: E) => void>();

  add(listener: (event: E) => void): () => void {
    this.set.add(listener);
    return () => void this.set.delete(listener);
  }

  emit(event: E): void {
    for (const listener of this.set) listener(event);
  }

  clear(): void {
    this.set.clear();
  }
}
