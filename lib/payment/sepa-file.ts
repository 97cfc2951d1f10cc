import SEPA from "sepa";

/**
 * A payment order's file: one SEPA credit transfer, ISO 20022 pain.001.001.03, made with the
 * `sepa` library (ADR 0027). One payment information block debiting the administration's account,
 * one transaction per request: the holder, IBAN and BIC of the request's bank details, the accepted
 * amount, and the request's reference as EndToEndId and unstructured remittance information. The
 * library writes NbOfTxs and CtrlSum (group header and block) from the transactions.
 */
export type SepaDebtor = { name: string; iban: string; bic: string };
export type SepaTransfer = { holder: string; iban: string; bic: string; amountCents: number; endToEndId: string };

/**
 * Banks take the SEPA basic Latin set only (EPC « SEPA Requirements for an Extended Character
 * Set »): « GAEC DE LA VALLÉE » travels as « GAEC DE LA VALLEE »; other characters become spaces.
 */
export function sepaText(text: string, max: number): string {
  return text
    .replace(/Œ/g, "OE")
    .replace(/œ/g, "oe")
    .replace(/Æ/g, "AE")
    .replace(/æ/g, "ae")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9/\-?:().,'+ ]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, max);
}

/** The XML of the order; `executionDate` is the requested execution date (AAAA-MM-JJ). */
export function paymentOrderXml(order: {
  reference: string;
  createdAt: Date;
  executionDate: string;
  debtor: SepaDebtor;
  transfers: SepaTransfer[];
}): string {
  const doc = new SEPA.Document("pain.001.001.03");
  doc.grpHdr.id = order.reference;
  doc.grpHdr.created = order.createdAt;
  doc.grpHdr.initiatorName = sepaText(order.debtor.name, 70);
  const info = doc.createPaymentInfo();
  info.requestedExecutionDate = new Date(`${order.executionDate}T12:00:00Z`);
  info.debtorIBAN = order.debtor.iban;
  info.debtorBIC = order.debtor.bic;
  info.debtorName = sepaText(order.debtor.name, 70);
  doc.addPaymentInfo(info);
  for (const transfer of order.transfers) {
    const tx = info.createTransaction();
    tx.creditorName = sepaText(transfer.holder, 70);
    tx.creditorIBAN = transfer.iban;
    tx.creditorBIC = transfer.bic;
    // Cents to euros exactly: the library checks two decimals at most.
    tx.amount = Number((transfer.amountCents / 100).toFixed(2));
    tx.remittanceInfo = transfer.endToEndId;
    tx.end2endId = transfer.endToEndId;
    info.addTransaction(tx);
  }
  return doc.toString();
}
