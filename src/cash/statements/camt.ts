import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { MoneyFormatError, parseAmount } from '../../../workflows/domain/money.js';
import { classifyReference } from './references.js';
import { emptyLine, StatementFormatError, text, type StatementLine, type StatementSection } from './statement.js';

/**
 * ISO 20022 camt.053 (statement) and camt.054 (debit/credit notification),
 * versions .001.02 to .001.13. Element names that moved between versions are
 * read from either place (status code, transaction amount, party, BIC).
 * Values stay strings (parseTagValue: false) so amounts are never floats.
 */
const NAMESPACE = /urn:iso:std:iso:20022:tech:xsd:camt\.(053|054)\.001\.(\d{2})/;
const REPEATED = new Set(['Stmt', 'Ntfctn', 'Bal', 'Ntry', 'NtryDtls', 'TxDtls', 'Ustrd', 'Strd', 'RfrdDocInf', 'Othr', 'AddtlInf']);

type Node = Record<string, unknown>;

export function detectCamt(content: string): { message: '053' | '054'; version: number } | null {
  const match = NAMESPACE.exec(content.slice(0, 4096));
  if (!match) return null;
  return { message: match[1] as '053' | '054', version: Number(match[2]) };
}

export function parseCamt(content: string): { message: '053' | '054'; sections: StatementSection[] } {
  const kind = detectCamt(content);
  if (!kind) throw new StatementFormatError(1, 'Document', 'not a camt.053 or camt.054 document');
  if (kind.version < 2 || kind.version > 13) {
    throw new StatementFormatError(1, 'Document', `camt.${kind.message}.001.${String(kind.version).padStart(2, '0')} is not supported (.001.02 to .001.13)`);
  }
  const valid = XMLValidator.validate(content);
  if (valid !== true) throw new StatementFormatError(valid.err.line, 'XML', valid.err.msg);

  const parser = new XMLParser({
    ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true, parseTagValue: false,
    parseAttributeValue: false, trimValues: true, captureMetaData: true, processEntities: true,
    isArray: (name) => REPEATED.has(name),
  });
  const doc = parser.parse(content) as Node;
  const lineOf = lineIndex(content);
  const meta = XMLParser.getMetaDataSymbol() as unknown as symbol;
  const startOf = (node: unknown): number => ((node as Record<symbol, { startIndex?: number } | undefined>)[meta]?.startIndex ?? 0);
  const rawOf = (node: unknown): string => {
    const m = (node as Record<symbol, { startIndex?: number; endIndex?: number } | undefined>)[meta];
    return m?.startIndex !== undefined && m.endIndex !== undefined ? content.slice(m.startIndex, m.endIndex) : '';
  };

  const root = obj(obj(doc.Document)?.[kind.message === '053' ? 'BkToCstmrStmt' : 'BkToCstmrDbtCdtNtfctn']);
  const statements = list(root?.[kind.message === '053' ? 'Stmt' : 'Ntfctn']);
  if (!root || statements.length === 0) {
    throw new StatementFormatError(1, kind.message === '053' ? 'BkToCstmrStmt/Stmt' : 'BkToCstmrDbtCdtNtfctn/Ntfctn', 'is missing');
  }

  const sections = statements.map((stmt): StatementSection => {
    const line = lineOf(startOf(stmt));
    const acct = obj(stmt.Acct);
    const account = str(at(acct, 'Id', 'IBAN')) ?? str(at(list(at(acct, 'Id', 'Othr'))[0], 'Id'));
    if (!account) throw new StatementFormatError(line, 'Acct/Id', 'the account has no IBAN or other id');
    const entries = list(stmt.Ntry);
    const currency = str(acct?.Ccy) ?? attr(obj(entries[0]?.Amt), 'Ccy') ?? balanceCurrency(stmt);
    if (!currency || !/^[A-Z]{3}$/.test(currency)) throw new StatementFormatError(line, 'Acct/Ccy', 'the statement has no currency');

    const money = (node: unknown, sign: unknown, at_: number, field: string): bigint => {
      const value = str(node);
      const ccy = attr(obj(node), 'Ccy') ?? currency;
      if (value === null) throw new StatementFormatError(at_, field, 'is missing');
      if (ccy !== currency) throw new StatementFormatError(at_, `${field}@Ccy`, `${ccy} differs from the account currency ${currency}`);
      let minor: bigint;
      try {
        minor = parseAmount(value, currency);
      } catch (err) {
        if (err instanceof MoneyFormatError) throw new StatementFormatError(at_, field, err.message);
        throw err;
      }
      const indicator = str(sign);
      if (indicator !== 'CRDT' && indicator !== 'DBIT') throw new StatementFormatError(at_, `${field.replace(/Amt$/, '')}CdtDbtInd`, `"${indicator ?? ''}" is not CRDT or DBIT`);
      return indicator === 'DBIT' ? -minor : minor;
    };

    const balances = list(stmt.Bal).map((bal) => ({
      code: str(at(bal, 'Tp', 'CdOrPrtry', 'Cd')),
      minor: money(bal.Amt, bal.CdtDbtInd, lineOf(startOf(bal)), 'Bal/Amt'),
      date: dateOf(obj(bal.Dt)),
    }));
    const opening = balances.find((b) => b.code === 'OPBD') ?? balances.find((b) => b.code === 'PRCD');
    const closing = balances.find((b) => b.code === 'CLBD');
    if (kind.message === '053' && (!opening || !closing)) {
      throw new StatementFormatError(line, 'Stmt/Bal', 'a camt.053 statement needs an opening (OPBD or PRCD) and a closing (CLBD) booked balance');
    }

    const lines: StatementLine[] = [];
    for (const entry of entries) {
      const entryLine = lineOf(startOf(entry));
      const status = str(entry.Sts) ?? str(at(entry, 'Sts', 'Cd'));
      if (status !== null && status !== 'BOOK') continue; // pending and information-only entries are not on the account yet
      lines.push(...entryLines(entry, entryLine, { money, lineOf, startOf, rawOf }));
    }
    const period = obj(stmt.FrToDt);
    return {
      statementId: str(stmt.Id),
      account: account.replace(/\s+/g, ''),
      currency,
      openingBalanceMinor: opening?.minor ?? null,
      closingBalanceMinor: closing?.minor ?? null,
      from: datePart(str(period?.FrDtTm)) ?? opening?.date ?? firstDate(lines, 'min'),
      to: datePart(str(period?.ToDtTm)) ?? closing?.date ?? firstDate(lines, 'max'),
      sourceLine: line,
      lines,
    };
  });
  return { message: kind.message, sections };
}

interface Tools {
  money(node: unknown, sign: unknown, line: number, field: string): bigint;
  lineOf(index: number): number;
  startOf(node: unknown): number;
  rawOf(node: unknown): string;
}

function entryLines(entry: Node, line: number, tools: Tools): StatementLine[] {
  const entryMinor = tools.money(entry.Amt, entry.CdtDbtInd, line, 'Ntry/Amt');
  const bookingDate = dateOf(obj(entry.BookgDt));
  if (!bookingDate) throw new StatementFormatError(line, 'Ntry/BookgDt', 'is missing');
  const valueDate = dateOf(obj(entry.ValDt));
  const reversal = ['true', '1'].includes(str(entry.RvslInd) ?? '');
  const code = bankTransactionCode(obj(entry.BkTxCd));
  const entryRef = str(entry.AcctSvcrRef);
  const txs = list(entry.NtryDtls).flatMap((d) => list(d.TxDtls));
  const base = (raw: string, sourceLine: number) => ({
    ...emptyLine(sourceLine, raw), bookingDate, valueDate, reversal, bankTransactionCode: code,
    remittanceText: text(str(entry.AddtlNtryInf)),
  });
  if (txs.length === 0) return [{ ...base(tools.rawOf(entry), line), amountMinor: entryMinor, bankReference: entryRef }];

  const amounts = txs.map((tx) => {
    const txLine = tools.lineOf(tools.startOf(tx));
    const amt = tx.Amt ?? at(tx, 'AmtDtls', 'TxAmt', 'Amt');
    if (amt === undefined) return null;
    return tools.money(amt, tx.CdtDbtInd ?? entry.CdtDbtInd, txLine, 'TxDtls/Amt');
  });
  if (txs.length > 1 && amounts.some((a) => a === null)) {
    throw new StatementFormatError(tools.lineOf(tools.startOf(txs[amounts.indexOf(null)])), 'TxDtls/Amt', 'each transaction of a batch entry needs its amount');
  }
  const total = amounts.reduce<bigint>((sum, a) => sum + (a ?? entryMinor), 0n);
  if (total !== entryMinor) {
    throw new StatementFormatError(line, 'Ntry/NtryDtls', `the transactions add up to ${total} minor units, the entry says ${entryMinor}`);
  }
  return txs.map((tx, i): StatementLine => {
    const txLine = tools.lineOf(tools.startOf(tx));
    const credit = (amounts[i] ?? entryMinor) >= 0n;
    const refs = obj(tx.Refs);
    const parties = obj(tx.RltdPties);
    const agents = obj(tx.RltdAgts);
    const party = obj(parties?.[credit ? 'Dbtr' : 'Cdtr']);
    const partyAcct = obj(parties?.[credit ? 'DbtrAcct' : 'CdtrAcct']);
    const agent = obj(agents?.[credit ? 'DbtrAgt' : 'CdtrAgt']);
    const remittance = obj(tx.RmtInf);
    const structured = list(remittance?.Strd);
    const creditorRefs = structured.map((s) => str(at(s, 'CdtrRefInf', 'Ref'))).filter((r): r is string => r !== null);
    const documentNumbers = structured.flatMap((s) => list(s.RfrdDocInf).map((d) => str(d.Nb))).filter((r): r is string => r !== null);
    const classified = creditorRefs.map((r) => classifyReference(r));
    const otherRefs = [...classified.map((c) => c.structuredReference).filter((r): r is string => r !== null), ...documentNumbers];
    const unstructured = list(remittance?.Ustrd).map((u) => str(u)).filter((u): u is string => u !== null);
    const endToEnd = str(refs?.EndToEndId);
    const returnInfo = obj(tx.RtrInf);
    const returnReason = str(at(returnInfo, 'Rsn', 'Cd')) ?? str(at(returnInfo, 'Rsn', 'Prtry'));
    const returnText = list(returnInfo?.AddtlInf).map((x) => str(x)).filter((x): x is string => x !== null);
    return {
      ...base(txs.length === 1 ? tools.rawOf(entry) : tools.rawOf(tx), txs.length === 1 ? line : txLine),
      amountMinor: amounts[i] ?? entryMinor,
      payerName: text(str(party?.Nm) ?? str(at(party, 'Pty', 'Nm'))),
      payerIban: str(at(partyAcct, 'Id', 'IBAN'))?.replace(/\s+/g, '') ?? null,
      payerBic: str(at(agent, 'FinInstnId', 'BICFI')) ?? str(at(agent, 'FinInstnId', 'BIC')),
      creditorReference: classified.find((c) => c.creditorReference)?.creditorReference ?? null,
      structuredReference: otherRefs.length ? otherRefs.join(' ') : null,
      endToEndId: endToEnd && endToEnd !== 'NOTPROVIDED' ? endToEnd : null,
      bankReference: str(refs?.AcctSvcrRef) ?? (txs.length === 1 ? entryRef : entryRef ? `${entryRef}/${i + 1}` : null),
      remittanceText: text([...unstructured, ...returnText].join(' ')) ?? text(str(tx.AddtlTxInf)) ?? text(str(entry.AddtlNtryInf)),
      returnReason,
    };
  });
}

function bankTransactionCode(node: Node | undefined): string | null {
  const domain = str(at(node, 'Domn', 'Cd'));
  if (domain) return [domain, str(at(node, 'Domn', 'Fmly', 'Cd')), str(at(node, 'Domn', 'Fmly', 'SubFmlyCd'))].filter(Boolean).join('/');
  return str(at(node, 'Prtry', 'Cd'));
}

function balanceCurrency(stmt: Node): string | null {
  return attr(obj(list(stmt.Bal)[0]?.Amt), 'Ccy');
}

function dateOf(node: Node | undefined): string | null {
  return datePart(str(node?.Dt) ?? str(node?.DtTm));
}

/** The calendar date as written (a DtTm keeps the bank's own offset). */
function datePart(value: string | null): string | null {
  return value && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : null;
}

function firstDate(lines: StatementLine[], pick: 'min' | 'max'): string | null {
  const dates = lines.map((l) => l.bookingDate).sort();
  return (pick === 'min' ? dates[0] : dates[dates.length - 1]) ?? null;
}

function obj(value: unknown): Node | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Node) : undefined;
}

function list(value: unknown): Node[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map((v) => (typeof v === 'object' && v !== null ? (v as Node) : ({ '#text': v } as Node)));
}

function at(node: unknown, ...path: string[]): unknown {
  let current: unknown = node;
  for (const key of path) current = obj(current)?.[key];
  return current;
}

function str(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  const inner = obj(value)?.['#text'];
  return typeof inner === 'string' && inner.trim() !== '' ? inner.trim() : null;
}

function attr(node: Node | undefined, name: string): string | null {
  const value = node?.[`@${name}`];
  return typeof value === 'string' ? value : null;
}

function lineIndex(content: string): (index: number) => number {
  const starts = [0];
  for (let i = 0; i < content.length; i++) if (content.charCodeAt(i) === 10) starts.push(i + 1);
  return (index) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= index) lo = mid; else hi = mid - 1;
    }
    return lo + 1;
  };
}
