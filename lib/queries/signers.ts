import type { SignerListRow } from "@/lib/db/signers/list";
import { signerFiltersSchema } from "@/lib/domain/inventory-filters";
import { apiList } from "./list-query";

export const { keys: signerKeys, query: signerListQuery } = apiList<SignerListRow, typeof signerFiltersSchema>(
  "signers",
  signerFiltersSchema,
);
