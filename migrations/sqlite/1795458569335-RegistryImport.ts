import type { MigrationInterface, QueryRunner } from 'typeorm';

// Generated from the entities by `npm run migration:generate`; do not edit by hand.
export class RegistryImport1795458569335 implements MigrationInterface {
  name = 'RegistryImport1795458569335';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "registry_import" ("id" varchar PRIMARY KEY NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "fileName" varchar(255) NOT NULL, "format" varchar(8) NOT NULL, "fileSha256" varchar(64) NOT NULL, "fileBytes" bigint NOT NULL, "status" varchar(16) NOT NULL, "rowsRead" integer NOT NULL DEFAULT (0), "accepted" integer NOT NULL DEFAULT (0), "rejected" integer NOT NULL DEFAULT (0), "subjectsCreated" integer NOT NULL DEFAULT (0), "subjectsReused" integer NOT NULL DEFAULT (0), "filingNumbersAssigned" integer NOT NULL DEFAULT (0), "failure" varchar(500), "importedBy" varchar(36) NOT NULL, "importedByName" varchar(64) NOT NULL, "finishedAt" datetime)`);
    await queryRunner.query(`CREATE INDEX "IDX_2bdaba12d3c7af5e87d10d892c" ON "registry_import" ("createdAt") `);
    await queryRunner.query(`CREATE TABLE "registry_import_rejection" ("batchId" varchar(36) NOT NULL, "rowNo" integer NOT NULL, "position" integer NOT NULL, "columnName" varchar(32) NOT NULL, "code" varchar(48) NOT NULL, "reason" varchar(255) NOT NULL, PRIMARY KEY ("batchId", "rowNo", "position"))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "registry_import_rejection"`);
    await queryRunner.query(`DROP INDEX "IDX_2bdaba12d3c7af5e87d10d892c"`);
    await queryRunner.query(`DROP TABLE "registry_import"`);
  }
}
