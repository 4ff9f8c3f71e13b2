import type { MigrationInterface, QueryRunner } from 'typeorm';

// Generated from the entities by `npm run migration:generate`; do not edit by hand.
export class IdempotencyRecord1795459398892 implements MigrationInterface {
  name = 'IdempotencyRecord1795459398892';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "idempotency_record" ("id" varchar PRIMARY KEY NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "scope" varchar(64) NOT NULL, "clientKey" varchar(128) NOT NULL, "fingerprint" varchar(64) NOT NULL, "state" varchar(16) NOT NULL, "statusCode" integer, "responseBody" text, "expiresAt" datetime NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "IDX_13faccf02d12be9393cad513a8" ON "idempotency_record" ("expiresAt") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_d9d14bb187a6978b5ed8e99601" ON "idempotency_record" ("scope", "clientKey") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_d9d14bb187a6978b5ed8e99601"`);
    await queryRunner.query(`DROP INDEX "IDX_13faccf02d12be9393cad513a8"`);
    await queryRunner.query(`DROP TABLE "idempotency_record"`);
  }
}
