-- CreateTable
CREATE TABLE "RateLimit" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT
);

-- CreateTable
CREATE TABLE "RateLimitKey" (
    "day" TEXT NOT NULL PRIMARY KEY,
    "secret" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_OutboxMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "channel" TEXT NOT NULL DEFAULT 'email',
    "kind" TEXT NOT NULL,
    "endpointId" TEXT,
    "toAddress" TEXT NOT NULL,
    "signatureId" TEXT,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" DATETIME,
    "lastError" TEXT,
    "sentAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
-- Data: the old carriers become the channel's payload (lib/outbox/message.ts). Email:
-- {to, subject, text, html}, webhook (URL in toAddress, JSON body in textBody): {url, endpointId,
-- body}. Pending rows keep everything, so they are delivered after the migration, rows already
-- sent or given up had their bodies emptied and keep none.
INSERT INTO "new_OutboxMessage" ("attempts", "channel", "createdAt", "endpointId", "id", "kind", "lastError", "lockedUntil", "nextAttemptAt", "sentAt", "status", "toAddress", "signatureId", "payload")
SELECT "attempts", "channel", "createdAt", "endpointId", "id", "kind", "lastError", "lockedUntil", "nextAttemptAt", "sentAt", "status", "toAddress",
    CASE WHEN "channel" = 'webhook' AND json_valid("textBody") THEN json_extract("textBody", '$.signature.id') END,
    CASE
        WHEN "channel" = 'webhook' AND "status" = 'pending' THEN json_object('url', "toAddress", 'endpointId', "endpointId", 'body', "textBody")
        WHEN "channel" = 'webhook' THEN json_object('url', "toAddress", 'endpointId', "endpointId")
        WHEN "status" = 'pending' THEN json_object('to', "toAddress", 'subject', "subject", 'text', "textBody", 'html', "htmlBody")
        ELSE json_object('to', "toAddress", 'subject', "subject")
    END
FROM "OutboxMessage";
DROP TABLE "OutboxMessage";
ALTER TABLE "new_OutboxMessage" RENAME TO "OutboxMessage";
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");
CREATE INDEX "OutboxMessage_toAddress_createdAt_idx" ON "OutboxMessage"("toAddress", "createdAt");
CREATE INDEX "OutboxMessage_signatureId_idx" ON "OutboxMessage"("signatureId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

