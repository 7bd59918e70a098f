// Plain event bodies url-encode every header value (switch_event_serialize -> switch_url_encode).
// FreeSWITCH decodes byte-wise and leaves '+' alone (switch_utils.c switch_url_decode), so we do too.
// decodeURIComponent throws on a lone non-UTF-8 byte such as `%E9`; one bad caller name must not
// take a frame (or the process) down, so we fall back to a byte-wise decode.

const utf8 = new TextDecoder("utf-8", { fatal: true });
const latin1 = new TextDecoder("latin1");

export function decodeHeaderValue(raw: string): string {
  if (raw.indexOf("%") === -1) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return decodeBytewise(raw);
  }
}

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 70) return code - 55;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}

/** `%XX` -> byte, anything else kept; bytes read as UTF-8 when valid, else as Latin-1 (what a lone %E9 meant). */
function decodeBytewise(raw: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (code === 37 && i + 2 < raw.length) {
      const hi = hexValue(raw.charCodeAt(i + 1));
      const lo = hexValue(raw.charCodeAt(i + 2));
      if (hi >= 0 && lo >= 0) {
        bytes.push(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    if (code < 0x80) {
      bytes.push(code);
      continue;
    }
    // By code point: encoding half of a surrogate pair on its own gave U+FFFD for every emoji or
    // rare CJK character in a value that also held a stray `%` (found by fuzzing: "𐀀%").
    const point = raw.codePointAt(i) ?? code;
    for (const b of Buffer.from(String.fromCodePoint(point), "utf8")) bytes.push(b);
    if (point > 0xffff) i++;
  }
  const buf = Uint8Array.from(bytes);
  try {
    return utf8.decode(buf);
  } catch {
    return latin1.decode(buf);
  }
}

const unsafe = new Set('\r\n #%&+:;<=>?@[\\]^`{|}"');
/** Any character that is not printable ASCII outside `unsafe` (`%` included: it may need one). */
const needsEscape = /[^!$'()*,\-./0-9A-Z_a-z~]/;

/**
 * The inverse, as switch_url_encode does it (SWITCH_URL_UNSAFE in switch_utils.h, bytes outside
 * ' '..'~', and an existing `%XX` with uppercase hex is left as is): the emulator renders with it.
 */
export function encodeHeaderValue(value: string): string {
  // Most header values (names, uuids, numbers, times) need no escape: the emulator renders ~30
  // headers per event, so a byte-by-byte rebuild of each was its largest cost at load.
  if (!needsEscape.test(value)) return value;
  // The rest (times, channel names, caller names) into bytes, then one Latin-1 string: building the
  // string a character at a time took ~4.5% of the load generator's thread at load.
  const bytes = Buffer.from(value, "utf8");
  const out = Buffer.allocUnsafe(bytes.length * 3);
  let at = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (escaped[b] === 1 && !(b === 37 && isUpperHex(bytes[i + 1]) && isUpperHex(bytes[i + 2]))) {
      out[at++] = 37;
      out[at++] = upperHexDigits[b >>> 4] as number;
      out[at++] = upperHexDigits[b & 15] as number;
    } else {
      out[at++] = b;
    }
  }
  return out.toString("latin1", 0, at);
}

/** 1 for the bytes switch_url_encode escapes (`%` too: the caller keeps an existing `%XX`). */
const escaped = Uint8Array.from({ length: 256 }, (_, b) =>
  b < 32 || b > 126 || unsafe.has(String.fromCharCode(b)) ? 1 : 0,
);
const upperHexDigits = Buffer.from("0123456789ABCDEF", "latin1");

function isUpperHex(b: number | undefined): boolean {
  return b !== undefined && ((b >= 48 && b <= 57) || (b >= 65 && b <= 70));
}
