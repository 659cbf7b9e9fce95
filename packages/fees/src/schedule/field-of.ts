/**
 * `record[key]`, unless `record` has the key only through Object.prototype, where no caller
 * declares a schedule's fields: one found there was put there by other code (prototype
 * pollution), and read as `taxRate` or `fixedFee` it would change every fee the schedule
 * gives. A field of the record's own, or of its class (a getter), is read as before.
 */
export function fieldOf(record: object, key: string): unknown {
  if (!Object.hasOwn(record, key)) {
    for (let holder = Object.getPrototypeOf(record) as object | null; holder !== null; holder = Object.getPrototypeOf(holder) as object | null) {
      if (!Object.hasOwn(holder, key)) continue;
      // Object.prototype of any realm (a vm context): the end of the chain, owning its methods.
      // A caller's defaults object made with Object.create(null) is read.
      if (Object.getPrototypeOf(holder) === null && Object.hasOwn(holder, 'isPrototypeOf') && Object.hasOwn(holder, 'propertyIsEnumerable')) return undefined;
      break;
    }
  }
  return (record as Readonly<Record<string, unknown>>)[key];
}
