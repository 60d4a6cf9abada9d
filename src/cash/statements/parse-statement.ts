import { detectCamt, parseCamt } from './camt.js';
import { looksLikeCfonb120, parseCfonb120 } from './cfonb120.js';
import { looksLikeMt940, parseMt940 } from './mt940.js';
import { StatementFormatError, type ParsedStatementFile } from './statement.js';
import { decodeStatementBytes, type TextEncoding } from './text-decoding.js';

/** Detects the format from the content (never from a file name) and parses it. */
export function parseStatementFile(bytes: Uint8Array, options: { encoding?: TextEncoding } = {}): ParsedStatementFile & { encoding: TextEncoding } {
  if (bytes.byteLength === 0) throw new StatementFormatError(null, 'file', 'is empty');
  const { text, encoding } = decodeStatementBytes(bytes, options.encoding);
  const start = text.trimStart();
  if (start.startsWith('<')) {
    const camt = detectCamt(text);
    if (!camt) throw new StatementFormatError(1, 'Document', 'an XML file must be a camt.053 or camt.054 document (urn:iso:std:iso:20022:tech:xsd:camt.05x.001.nn)');
    const parsed = parseCamt(text);
    return { format: parsed.message === '053' ? 'camt.053' : 'camt.054', sections: parsed.sections, encoding };
  }
  if (looksLikeCfonb120(text)) return { format: 'cfonb120', sections: parseCfonb120(text), encoding };
  if (looksLikeMt940(text)) return { format: 'mt940', sections: parseMt940(text), encoding };
  throw new StatementFormatError(1, 'format', 'the file is neither CFONB 120, camt.053/054 nor MT940');
}
