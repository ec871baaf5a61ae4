import Link from "next/link";

/** A certificate by its common name (its whole subject when it has none), linking to its page. */
export function CertificateLink({
  certificate,
}: {
  certificate: { id: string; subject: string; subjectCn?: string | null };
}) {
  return (
    <Link className="font-medium text-indigo-700 hover:underline" href={`/certificates/${certificate.id}`}>
      {certificate.subjectCn ?? certificate.subject}
    </Link>
  );
}
