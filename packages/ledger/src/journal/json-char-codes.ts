/**
 * The UTF-16 codes of JSON's structural characters, for the readers that walk JSON text by
 * `charCodeAt` rather than parse it whole: the compact journal's decoder and the scenario
 * file's duplicate-key scan.
 */
export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;
export const COMMA = 0x2c;
export const OPEN_BRACKET = 0x5b;
export const CLOSE_BRACKET = 0x5d;
export const OPEN_BRACE = 0x7b;
export const CLOSE_BRACE = 0x7d;
