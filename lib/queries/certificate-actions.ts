"use server";

import { requireActionUser } from "@/lib/auth/action-guard";
import { getDb } from "@/lib/db/client";
import { listCertificatePage } from "@/lib/db/certificates/list";
import { certificateFiltersSchema, type CertificateFilters } from "@/lib/domain/inventory-filters";

// The certificate list's client refetches go through this action, because GET /api/v1/certificates
// belongs to the import API and does not take the list's filters yet.
export async function fetchCertificatePage(filters: Partial<CertificateFilters>) {
  const user = await requireActionUser("inventory:read");
  return listCertificatePage(getDb(), user, certificateFiltersSchema.parse(filters), new Date());
}
