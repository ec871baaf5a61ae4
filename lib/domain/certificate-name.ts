// How a certificate is named wherever Signet lists or links it: its common name, else its whole
// subject, else words saying the subject is empty. A Sigstore keyless (Fulcio) certificate has an
// empty subject and names its signer in the SAN only; without the words, its link had no text.

export const EMPTY_SUBJECT = "(empty subject)";

export function certificateName(certificate: { subject: string; subjectCn?: string | null }): string {
  return certificate.subjectCn || certificate.subject || EMPTY_SUBJECT;
}
