"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/api/action";
import { loadDemoData } from "@/lib/services/load-demo-data";

export const loadDemoAction = action({ name: "loadDemo", permission: "demo:load" }, async ({ db, actor, now }) => {
  await loadDemoData(db, { now, actor });
  revalidatePath("/", "layout");
});
