import type { NextRequest } from "next/server";
import { errorResponse, route } from "@/lib/api/handler";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { isMetricsSecret, METRICS_CONTENT_TYPE, scrapeMetrics } from "@/lib/metrics/prometheus";

export const dynamic = "force-dynamic";

// Prometheus scrapes this (docs/monitoring.md) with an API token of the `metrics` scope or the
// configured SIGNET_METRICS_TOKEN; a signed-in administrator may open it too.

const metricsResponse = async () =>
  new Response(await scrapeMetrics(getDb(), new Date()), { headers: { "content-type": METRICS_CONTENT_TYPE } });

const withToken = route({ permission: "alerts:manage", tokenScopes: ["metrics"] }, metricsResponse);

export async function GET(req: NextRequest, segment: { params: Promise<Record<string, string>> }) {
  try {
    if (isMetricsSecret(req.headers.get("authorization"), getConfig().metricsToken)) return await metricsResponse();
  } catch (error) {
    return errorResponse(error);
  }
  return withToken(req, segment);
}
