import Link from "next/link";
import { certificateName } from "@/lib/domain/certificate-name";

/** A certificate by its name (certificateName), linking to its page. */
export function CertificateLink({
  certificate,
}: {
  certificate: { id: string; subject: string; subjectCn?: string | null };
}) {
  return (
    <Link className="font-medium text-indigo-700 hover:underline" href={`/certificates/${certificate.id}`}>
      {certificateName(certificate)}
    </Link>
  );
}
