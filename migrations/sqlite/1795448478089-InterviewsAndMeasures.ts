import type { MigrationInterface, QueryRunner } from 'typeorm';

// Generated from the entities by `npm run migration:generate`; do not edit by hand.
export class InterviewsAndMeasures1795448478089 implements MigrationInterface {
  name = 'InterviewsAndMeasures1795448478089';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "interview" ("id" varchar PRIMARY KEY NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "rowVersion" integer NOT NULL DEFAULT (1), "noticeNo" varchar(24) NOT NULL, "accountId" varchar(36) NOT NULL, "ownerId" varchar(36) NOT NULL, "subjectId" varchar(36) NOT NULL, "subjectName" varchar(128) NOT NULL, "accountName" varchar(128) NOT NULL, "filingNo" varchar(24), "platform" varchar(16) NOT NULL, "triggers" varchar(32) NOT NULL, "facts" text NOT NULL, "scheduledAt" datetime NOT NULL, "location" varchar(255) NOT NULL, "officers" text NOT NULL, "summonedName" varchar(64) NOT NULL, "summonedTitle" varchar(64) NOT NULL, "noticeDate" date NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('scheduled'), "createdBy" varchar(36) NOT NULL, "heldAt" datetime, "heldBy" varchar(36), "minutes" text, "problems" text, "requirements" text, "deadline" date, "orderNo" varchar(24), "refusalNote" text, "assessorId" varchar(36), "assessorName" varchar(64), "assessorOrganization" varchar(128), "assessmentResult" varchar(8), "assessmentComment" text, "concludedAt" datetime(3))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_b920cfc506f35bd58546136fda" ON "interview" ("noticeNo") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_a2f1a4579c0f0ee88123ae54fd" ON "interview" ("orderNo") `);
    await queryRunner.query(`CREATE INDEX "IDX_5f1ef5cb8209a76ce308f9aa91" ON "interview" ("scheduledAt") `);
    await queryRunner.query(`CREATE INDEX "IDX_e994475aec2ce4a8c64812cc0c" ON "interview" ("assessorId", "status") `);
    await queryRunner.query(`CREATE INDEX "IDX_cbaf7b7357e7525fc5edad8b1a" ON "interview" ("ownerId") `);
    await queryRunner.query(`CREATE INDEX "IDX_dfbbce01e4ff8a637b60a7038e" ON "interview" ("accountId", "status") `);
    await queryRunner.query(`CREATE INDEX "IDX_95d48dd0b77e76c717035e5519" ON "interview" ("status", "deadline") `);
    await queryRunner.query(`CREATE TABLE "interview_event" ("id" varchar PRIMARY KEY NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "interviewId" varchar(36) NOT NULL, "seq" integer NOT NULL, "action" varchar(32) NOT NULL, "fromStatus" varchar(16), "toStatus" varchar(16) NOT NULL, "actorId" varchar(36), "actorName" varchar(64) NOT NULL, "actorRole" varchar(16) NOT NULL, "note" varchar(500), "policyKey" varchar(48) NOT NULL, "citation" varchar(128) NOT NULL, "policyVersion" varchar(32) NOT NULL)`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_ff6a0a0aaa63d190bccde93ca9" ON "interview_event" ("interviewId", "seq") `);
    await queryRunner.query(`CREATE TABLE "rectification_report" ("id" varchar PRIMARY KEY NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "interviewId" varchar(36) NOT NULL, "seq" integer NOT NULL, "report" text NOT NULL, "submittedBy" varchar(36) NOT NULL)`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_6379faf79ead39c05e7f3fe46a" ON "rectification_report" ("interviewId", "seq") `);
    await queryRunner.query(`CREATE TABLE "escalation_measure" ("id" varchar PRIMARY KEY NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "rowVersion" integer NOT NULL DEFAULT (1), "accountId" varchar(36) NOT NULL, "openAccountId" varchar(36), "accountName" varchar(128) NOT NULL, "filingNo" varchar(24), "kind" varchar(8) NOT NULL, "interviewId" varchar(36), "reason" text NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('proposed'), "proposedBy" varchar(36) NOT NULL, "proposedByName" varchar(64) NOT NULL, "policyKey" varchar(48) NOT NULL, "citation" varchar(128) NOT NULL, "policyVersion" varchar(32) NOT NULL, "decidedBy" varchar(36), "decidedByName" varchar(64), "decidedAt" datetime(3), "rejectReason" text, "accountAction" varchar(16), "accountStatusBefore" varchar(16), "accountStatusAfter" varchar(16), "liftsMeasureId" varchar(36), "decisionNo" varchar(24), "replyReference" varchar(128), "repliedAt" date, "replyNote" text, "replyRecordedBy" varchar(36))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_6b1099aebf15c777f6ce2f1127" ON "escalation_measure" ("openAccountId") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_61b52e004f402e34335e87521c" ON "escalation_measure" ("decisionNo") `);
    await queryRunner.query(`CREATE INDEX "IDX_f8926eb1d0997fa3f6aa3c52ef" ON "escalation_measure" ("status", "createdAt") `);
    await queryRunner.query(`CREATE INDEX "IDX_f3ce52650c363f7f5de419e0a9" ON "escalation_measure" ("accountId", "status") `);
    await queryRunner.query(`CREATE TABLE "measure_letter" ("id" varchar PRIMARY KEY NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "measureId" varchar(36) NOT NULL, "letter" varchar(16) NOT NULL, "number" varchar(24) NOT NULL, "addressee" varchar(128) NOT NULL, "content" text NOT NULL)`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_3c603cb4206c4f5803a825e944" ON "measure_letter" ("number") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_612ee456c72794bcb7d1f792b3" ON "measure_letter" ("measureId", "letter") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_612ee456c72794bcb7d1f792b3"`);
    await queryRunner.query(`DROP INDEX "IDX_3c603cb4206c4f5803a825e944"`);
    await queryRunner.query(`DROP TABLE "measure_letter"`);
    await queryRunner.query(`DROP INDEX "IDX_f3ce52650c363f7f5de419e0a9"`);
    await queryRunner.query(`DROP INDEX "IDX_f8926eb1d0997fa3f6aa3c52ef"`);
    await queryRunner.query(`DROP INDEX "IDX_61b52e004f402e34335e87521c"`);
    await queryRunner.query(`DROP INDEX "IDX_6b1099aebf15c777f6ce2f1127"`);
    await queryRunner.query(`DROP TABLE "escalation_measure"`);
    await queryRunner.query(`DROP INDEX "IDX_6379faf79ead39c05e7f3fe46a"`);
    await queryRunner.query(`DROP TABLE "rectification_report"`);
    await queryRunner.query(`DROP INDEX "IDX_ff6a0a0aaa63d190bccde93ca9"`);
    await queryRunner.query(`DROP TABLE "interview_event"`);
    await queryRunner.query(`DROP INDEX "IDX_95d48dd0b77e76c717035e5519"`);
    await queryRunner.query(`DROP INDEX "IDX_dfbbce01e4ff8a637b60a7038e"`);
    await queryRunner.query(`DROP INDEX "IDX_cbaf7b7357e7525fc5edad8b1a"`);
    await queryRunner.query(`DROP INDEX "IDX_e994475aec2ce4a8c64812cc0c"`);
    await queryRunner.query(`DROP INDEX "IDX_5f1ef5cb8209a76ce308f9aa91"`);
    await queryRunner.query(`DROP INDEX "IDX_a2f1a4579c0f0ee88123ae54fd"`);
    await queryRunner.query(`DROP INDEX "IDX_b920cfc506f35bd58546136fda"`);
    await queryRunner.query(`DROP TABLE "interview"`);
  }
}
