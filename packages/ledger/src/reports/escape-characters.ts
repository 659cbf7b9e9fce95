/**
 * `text` with every character the global pattern `unsafe` matches written as a `\uXXXX`
 * escape: how the reports keep text that comes from outside (ids, ops, messages quoting them)
 * on its line and whole.
 */
export function escapeCharacters(text: string, unsafe: RegExp): string {
  return text.replace(unsafe, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
