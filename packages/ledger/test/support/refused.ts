/**
 * The result a reader or parser answers when it refuses: compared with toStrictEqual, so the
 * code and the message are checked word for word and no other key may be present.
 */
export const refused = (code: string, message: string): unknown => ({ ok: false, error: { code, message } });
