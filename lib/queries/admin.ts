import type { TokenListRow } from "@/lib/db/tokens/token-admin";
import type { UserSummary } from "@/lib/db/users/users";
import { pageOnlySchema } from "@/lib/domain/inventory-filters";
import { apiList } from "./list-query";

export const { keys: tokenKeys, query: tokenListQuery } = apiList<TokenListRow, typeof pageOnlySchema>(
  "tokens",
  pageOnlySchema,
);

export const { keys: userKeys, query: userListQuery } = apiList<UserSummary, typeof pageOnlySchema>(
  "users",
  pageOnlySchema,
);
