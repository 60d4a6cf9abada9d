import { formatAmount } from '../../../workflows/domain/money.js';
import { abs, closingOf, type LineModel, type StatementModel } from './model.js';

/** Writes a camt.053 statement or camt.054 notification in version .001.`version` (2–8). */
export function writeCamt(m: StatementModel, options: { message: '053' | '054'; version: number }): string {
  const v = options.version;
  const ns = `urn:iso:std:iso:20022:tech:xsd:camt.${options.message}.001.${String(v).padStart(2, '0')}`;
  const amt = (minor: bigint) => `<Amt Ccy="${m.currency}">${formatAmount(abs(minor), m.currency)}</Amt>`;
  const ind = (minor: bigint) => `<CdtDbtInd>${minor < 0n ? 'DBIT' : 'CRDT'}</CdtDbtInd>`;
  const bal = (code: string, minor: bigint, date: string) =>
    `<Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp>${amt(minor)}${ind(minor)}<Dt><Dt>${date}</Dt></Dt></Bal>`;
  const status = v >= 6 ? '<Sts><Cd>BOOK</Cd></Sts>' : '<Sts>BOOK</Sts>';
  const tx = (l: LineModel) => {
    const credit = l.amountMinor >= 0n;
    const party = l.payerName ? (v >= 8 ? `<Pty><Nm>${esc(l.payerName)}</Nm></Pty>` : `<Nm>${esc(l.payerName)}</Nm>`) : '';
    const role = credit ? 'Dbtr' : 'Cdtr';
    const amount = v >= 3 ? `${amt(l.amountMinor)}${ind(l.amountMinor)}` : `<AmtDtls><TxAmt>${amt(l.amountMinor)}</TxAmt></AmtDtls>`;
    const rmt = l.creditorReference || l.remittanceText
      ? `<RmtInf>${l.remittanceText ? `<Ustrd>${esc(l.remittanceText)}</Ustrd>` : ''}${l.creditorReference
        ? `<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>${esc(l.creditorReference)}</Ref></CdtrRefInf></Strd>` : ''}</RmtInf>`
      : '';
    return `<TxDtls><Refs>${l.bankReference ? `<AcctSvcrRef>${esc(l.bankReference)}</AcctSvcrRef>` : ''}<EndToEndId>${esc(l.endToEndId ?? 'NOTPROVIDED')}</EndToEndId></Refs>` +
      `${amount}` +
      (party || l.payerIban ? `<RltdPties>${party ? `<${role}>${party}</${role}>` : ''}${l.payerIban ? `<${role}Acct><Id><IBAN>${l.payerIban}</IBAN></Id></${role}Acct>` : ''}</RltdPties>` : '') +
      (l.payerBic ? `<RltdAgts><${role}Agt><FinInstnId><${v >= 5 ? 'BICFI' : 'BIC'}>${l.payerBic}</${v >= 5 ? 'BICFI' : 'BIC'}></FinInstnId></${role}Agt></RltdAgts>` : '') +
      rmt +
      (l.returnReason ? `<RtrInf><Rsn><Cd>${l.returnReason}</Cd></Rsn></RtrInf>` : '') +
      '</TxDtls>';
  };
  const entries = m.entries.map((group, i) => {
    const total = group.reduce((s, l) => s + l.amountMinor, 0n);
    const first = group[0]!;
    return `\n    <Ntry><NtryRef>${i + 1}</NtryRef>${amt(total)}${ind(total)}${first.reversal ? '<RvslInd>true</RvslInd>' : ''}${status}` +
      `<BookgDt><Dt>${first.bookingDate}</Dt></BookgDt><ValDt><Dt>${first.valueDate}</Dt></ValDt>` +
      `<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>${total < 0n ? 'ICDT' : 'RCDT'}</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>` +
      `<NtryDtls>${group.length > 1 ? `<Btch><NbOfTxs>${group.length}</NbOfTxs></Btch>` : ''}${group.map(tx).join('\n      ')}</NtryDtls></Ntry>`;
  }).join('');
  const isStatement = options.message === '053';
  const body = `<${isStatement ? 'Stmt' : 'Ntfctn'}><Id>${esc(m.statementId)}</Id><CreDtTm>${m.toDate}T18:00:00+01:00</CreDtTm>` +
    `<FrToDt><FrDtTm>${m.fromDate}T00:00:00+01:00</FrDtTm><ToDtTm>${m.toDate}T23:59:59+01:00</ToDtTm></FrToDt>` +
    `<Acct><Id><IBAN>${m.account}</IBAN></Id><Ccy>${m.currency}</Ccy></Acct>` +
    (isStatement ? bal('OPBD', m.openingMinor, m.fromDate) + bal('CLBD', closingOf(m), m.toDate) : '') +
    entries + `\n  </${isStatement ? 'Stmt' : 'Ntfctn'}>`;
  const root = isStatement ? 'BkToCstmrStmt' : 'BkToCstmrDbtCdtNtfctn';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="${ns}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n` +
    `<${root}><GrpHdr><MsgId>${esc(m.statementId)}</MsgId><CreDtTm>${m.toDate}T18:00:00+01:00</CreDtTm></GrpHdr>\n  ${body}\n</${root}>\n</Document>\n`;
}

function esc(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
