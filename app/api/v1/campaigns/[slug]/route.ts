import { NextResponse } from "next/server";
import { campaignCountResource } from "@/lib/campaigns/api";
import { isDatabaseUnavailable, unavailableJson } from "@/lib/http/unavailable";
import { readOnly } from "@/lib/integrations/http";

export const dynamic = "force-dynamic";

const CORS = { "Access-Control-Allow-Origin": "*" };

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  let resource;
  try {
    resource = await campaignCountResource(slug);
  } catch (error) {
    if (isDatabaseUnavailable(error)) return unavailableJson(CORS);
    throw error;
  }
  if (!resource) {
    return NextResponse.json(
      { error: "not_found", message: `No campaign with the slug "${slug.slice(0, 100)}".` },
      { status: 404, headers: { ...CORS, "Cache-Control": "public, max-age=60" } },
    );
  }
  return NextResponse.json(resource, {
    headers: { ...CORS, "Cache-Control": "public, max-age=5, s-maxage=5, stale-while-revalidate=30" },
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = readOnly(CORS);
