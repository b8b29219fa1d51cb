-- OutboxMessage: one payload column (JSON text) carries the channel's message instead of
-- subject/textBody/htmlBody (lib/outbox/message.ts), signatureId names the signature a message is
-- about (erasure). Email: {to, subject, text, html}, webhook (URL in toAddress, JSON body in
-- textBody): {url, endpointId, body}. Pending rows keep everything, so they are delivered after
-- the migration, rows already sent or given up had their bodies emptied and keep none.
ALTER TABLE "OutboxMessage" ADD COLUMN "payload" TEXT NOT NULL DEFAULT '',
ADD COLUMN "signatureId" TEXT;

UPDATE "OutboxMessage" SET
    "signatureId" = CASE WHEN "channel" = 'webhook' AND "textBody" LIKE '{%' THEN ("textBody"::jsonb #>> '{signature,id}') END,
    "payload" = (CASE
        WHEN "channel" = 'webhook' AND "status" = 'pending' THEN json_build_object('url', "toAddress", 'endpointId', "endpointId", 'body', "textBody")
        WHEN "channel" = 'webhook' THEN json_build_object('url', "toAddress", 'endpointId', "endpointId")
        WHEN "status" = 'pending' THEN json_build_object('to', "toAddress", 'subject', "subject", 'text', "textBody", 'html', "htmlBody")
        ELSE json_build_object('to', "toAddress", 'subject', "subject")
    END)::text;

ALTER TABLE "OutboxMessage" ALTER COLUMN "payload" DROP DEFAULT,
DROP COLUMN "htmlBody",
DROP COLUMN "subject",
DROP COLUMN "textBody";

-- CreateIndex
CREATE INDEX "OutboxMessage_signatureId_idx" ON "OutboxMessage"("signatureId");

-- CreateTable: rate-limiter-flexible's store (RateLimiterPostgres with tableCreated: true)
CREATE TABLE "RateLimit" (
    "key" TEXT NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "RateLimit_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "RateLimitKey" (
    "day" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RateLimitKey_pkey" PRIMARY KEY ("day")
);
