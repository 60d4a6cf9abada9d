import iconv from 'iconv-lite';

export const TEXT_ENCODINGS = ['utf-8', 'latin1', 'cp850'] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];

/**
 * Bank files are UTF-8 (camt), or latin-1 / CP850 (CFONB, MT940 from older
 * systems). Without an explicit encoding: valid UTF-8 is UTF-8; otherwise a
 * byte in 0x80–0x9F (C1 controls in latin-1, where CP850 keeps é è à ç ê ù…)
 * means CP850, else latin-1.
 */
export function decodeStatementBytes(bytes: Uint8Array, encoding?: TextEncoding): { text: string; encoding: TextEncoding } {
  const chosen = encoding ?? guessEncoding(bytes);
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const decoded = chosen === 'utf-8' ? buffer.toString('utf8') : iconv.decode(buffer, chosen);
  return { text: decoded.replace(/^\uFEFF/, ''), encoding: chosen };
}

function guessEncoding(bytes: Uint8Array): TextEncoding {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'utf-8';
  } catch {
    return bytes.some((b) => b >= 0x80 && b <= 0x9f) ? 'cp850' : 'latin1';
  }
}

/** Encodes for writers and tests (the inverse of decodeStatementBytes). */
export function encodeStatementText(text: string, encoding: TextEncoding): Buffer {
  return encoding === 'utf-8' ? Buffer.from(text, 'utf8') : iconv.encode(text, encoding);
}
