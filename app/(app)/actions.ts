"use server";

import { revalidatePath } from "next/cache";
import { requireActionUser } from "@/lib/auth/action-guard";
import { userActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { actionErrorState } from "@/lib/api/errors";
import { loadDemoData } from "@/lib/services/load-demo-data";

export type DemoState = { error?: string };

export async function loadDemoAction(_prev: DemoState): Promise<DemoState> {
  try {
    const user = await requireActionUser("demo:load");
    await loadDemoData(getDb(), { now: new Date(), actor: userActor(user) });
  } catch (error) {
    return { error: actionErrorState(error, "loadDemo").error };
  }
  revalidatePath("/", "layout");
  return {};
}
