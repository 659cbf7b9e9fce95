/**
 * `plain` rebuilt as an object with no fields of its own: each field is a getter on its
 * prototype, as a class instance's are. `JSON.stringify` writes it as `{}`, and the engine must
 * still read every field (`in` finds them through the prototype).
 */
export function fieldsOnPrototype<Value extends object>(plain: Value): Value {
  const prototype = Object.defineProperties({}, Object.fromEntries(Object.entries(plain).map(([name, value]) => [name, { get: () => value }])));
  return Object.create(prototype) as Value;
}
