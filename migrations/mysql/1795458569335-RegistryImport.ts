import type { MigrationInterface, QueryRunner } from 'typeorm';

// Generated from the entities by `npm run migration:generate`; do not edit by hand.
export class RegistryImport1795458569335 implements MigrationInterface {
  name = 'RegistryImport1795458569335';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`registry_import\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), \`fileName\` varchar(255) NOT NULL, \`format\` varchar(8) NOT NULL, \`fileSha256\` varchar(64) NOT NULL, \`fileBytes\` bigint NOT NULL, \`status\` varchar(16) NOT NULL, \`rowsRead\` int NOT NULL DEFAULT '0', \`accepted\` int NOT NULL DEFAULT '0', \`rejected\` int NOT NULL DEFAULT '0', \`subjectsCreated\` int NOT NULL DEFAULT '0', \`subjectsReused\` int NOT NULL DEFAULT '0', \`filingNumbersAssigned\` int NOT NULL DEFAULT '0', \`failure\` varchar(500) NULL, \`importedBy\` varchar(36) NOT NULL, \`importedByName\` varchar(64) NOT NULL, \`finishedAt\` datetime NULL, INDEX \`IDX_2bdaba12d3c7af5e87d10d892c\` (\`createdAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`registry_import_rejection\` (\`batchId\` varchar(36) NOT NULL, \`rowNo\` int NOT NULL, \`position\` int NOT NULL, \`columnName\` varchar(32) NOT NULL, \`code\` varchar(48) NOT NULL, \`reason\` varchar(255) NOT NULL, PRIMARY KEY (\`batchId\`, \`rowNo\`, \`position\`)) ENGINE=InnoDB`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE \`registry_import_rejection\``);
    await queryRunner.query(`DROP INDEX \`IDX_2bdaba12d3c7af5e87d10d892c\` ON \`registry_import\``);
    await queryRunner.query(`DROP TABLE \`registry_import\``);
  }
}
