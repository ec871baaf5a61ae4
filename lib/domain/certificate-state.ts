// Kept for imports written before the status model moved: the model is lib/domain/certificate-status.ts.
export {
  certificateStatus as certificateState,
  type CertificateStatus as CertificateState,
} from "@/lib/domain/certificate-status";
