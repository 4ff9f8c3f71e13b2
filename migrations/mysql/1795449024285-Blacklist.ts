import type { MigrationInterface, QueryRunner } from 'typeorm';

// Generated from the entities by `npm run migration:generate`; do not edit by hand.
export class Blacklist1795449024285 implements MigrationInterface {
  name = 'Blacklist1795449024285';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`blacklist_listing\` (\`id\` uuid NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), \`rowVersion\` int NOT NULL DEFAULT '1', \`accountId\` varchar(36) NOT NULL, \`openAccountId\` varchar(36) NULL, \`ownerId\` varchar(36) NOT NULL, \`subjectId\` varchar(36) NOT NULL, \`accountName\` varchar(128) NOT NULL, \`filingNo\` varchar(24) NOT NULL, \`platform\` varchar(16) NOT NULL, \`subjectName\` varchar(128) NOT NULL, \`subjectKind\` varchar(16) NOT NULL, \`rule\` varchar(4) NOT NULL, \`facts\` text NOT NULL, \`basis\` text NOT NULL, \`policyKey\` varchar(48) NOT NULL, \`citation\` varchar(128) NOT NULL, \`policyVersion\` varchar(32) NOT NULL, \`status\` varchar(16) NOT NULL DEFAULT 'proposed', \`proposedBy\` varchar(36) NOT NULL, \`proposedByName\` varchar(64) NOT NULL, \`noticeNo\` varchar(24) NOT NULL, \`noticeDate\` date NOT NULL, \`notifiedAt\` datetime NOT NULL, \`defenceDeadline\` date NOT NULL, \`defenceStatement\` text NULL, \`defendedAt\` datetime NULL, \`defendedBy\` varchar(36) NULL, \`decidedBy\` varchar(36) NULL, \`decidedByName\` varchar(64) NULL, \`decidedAt\` datetime NULL, \`rejectReason\` text NULL, \`decisionNo\` varchar(24) NULL, \`listedAt\` datetime NULL, \`endsAt\` datetime NULL, \`endedAt\` datetime NULL, \`endReason\` varchar(16) NULL, UNIQUE INDEX \`IDX_3b4b5a0299401191014701e2c0\` (\`openAccountId\`), UNIQUE INDEX \`IDX_23086c26cf7e191d60031128af\` (\`noticeNo\`), UNIQUE INDEX \`IDX_6bb796a563304ce870c870e435\` (\`decisionNo\`), INDEX \`IDX_bb636debc50ba1fbaae354c9a9\` (\`listedAt\`), INDEX \`IDX_03f4b9f5027b592b8a9e9d1433\` (\`ownerId\`, \`createdAt\`), INDEX \`IDX_4789a0191c3b66a72afc4bbcaf\` (\`status\`, \`createdAt\`), INDEX \`IDX_0822d324c3afbe4f55dc8d7b31\` (\`status\`, \`endsAt\`), INDEX \`IDX_6345176eea43360169e07d8c41\` (\`accountId\`, \`status\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`blacklist_exit\` (\`id\` uuid NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), \`rowVersion\` int NOT NULL DEFAULT '1', \`listingId\` varchar(36) NOT NULL, \`openListingId\` varchar(36) NULL, \`accountId\` varchar(36) NOT NULL, \`status\` varchar(16) NOT NULL DEFAULT 'proposed', \`reason\` text NOT NULL, \`assessment\` text NULL, \`proposedBy\` varchar(36) NOT NULL, \`proposedByName\` varchar(64) NOT NULL, \`decidedBy\` varchar(36) NULL, \`decidedByName\` varchar(64) NULL, \`decidedAt\` datetime NULL, \`rejectReason\` text NULL, \`policyKey\` varchar(48) NOT NULL, \`citation\` varchar(128) NOT NULL, \`policyVersion\` varchar(32) NOT NULL, UNIQUE INDEX \`IDX_caa891f3aea09a79897b7a67bb\` (\`openListingId\`), INDEX \`IDX_b573105e7e3f670c7c121efce8\` (\`status\`, \`createdAt\`), INDEX \`IDX_0844e82d1747209f9f7cba6577\` (\`listingId\`, \`createdAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_0844e82d1747209f9f7cba6577\` ON \`blacklist_exit\``);
    await queryRunner.query(`DROP INDEX \`IDX_b573105e7e3f670c7c121efce8\` ON \`blacklist_exit\``);
    await queryRunner.query(`DROP INDEX \`IDX_caa891f3aea09a79897b7a67bb\` ON \`blacklist_exit\``);
    await queryRunner.query(`DROP TABLE \`blacklist_exit\``);
    await queryRunner.query(`DROP INDEX \`IDX_6345176eea43360169e07d8c41\` ON \`blacklist_listing\``);
    await queryRunner.query(`DROP INDEX \`IDX_0822d324c3afbe4f55dc8d7b31\` ON \`blacklist_listing\``);
    await queryRunner.query(`DROP INDEX \`IDX_4789a0191c3b66a72afc4bbcaf\` ON \`blacklist_listing\``);
    await queryRunner.query(`DROP INDEX \`IDX_03f4b9f5027b592b8a9e9d1433\` ON \`blacklist_listing\``);
    await queryRunner.query(`DROP INDEX \`IDX_bb636debc50ba1fbaae354c9a9\` ON \`blacklist_listing\``);
    await queryRunner.query(`DROP INDEX \`IDX_6bb796a563304ce870c870e435\` ON \`blacklist_listing\``);
    await queryRunner.query(`DROP INDEX \`IDX_23086c26cf7e191d60031128af\` ON \`blacklist_listing\``);
    await queryRunner.query(`DROP INDEX \`IDX_3b4b5a0299401191014701e2c0\` ON \`blacklist_listing\``);
    await queryRunner.query(`DROP TABLE \`blacklist_listing\``);
  }
}
