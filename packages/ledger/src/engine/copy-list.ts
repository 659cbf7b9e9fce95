/**
 * A list from the caller copied item by item, each read once, a hole kept as a hole. Nothing
 * else of the list is consulted: not its species constructor (which `slice` and `map` call, so
 * an Array subclass or a `constructor` field could throw or build something else), nor an
 * iterator. Its `length` is read once as the array methods read it (ToLength: a length that is
 * not a number reads as 0, a negative one as 0, a fraction rounded down), so a Proxy that lies
 * about it is read as `every` would have read it, never a native RangeError. `length`: the
 * list's, when the caller has read it already.
 */
export function copyOfList<Item>(list: readonly Item[], length = lengthOfList(list)): Item[] {
  const copy = new Array<Item>(length);
  for (let index = 0; index < length; index += 1) {
    if (index in list) copy[index] = list[index] as Item;
  }
  return copy;
}

/** A list's `length` read once, as ToLength reads it (see {@link copyOfList}). */
export function lengthOfList(list: { readonly length: unknown }): number {
  const length = Number(list.length);
  if (!(length > 0)) return 0;
  return Math.min(Math.floor(length), Number.MAX_SAFE_INTEGER);
}
