import type { MigrationInterface, QueryRunner } from 'typeorm';

// Generated from the entities by `npm run migration:generate`; do not edit by hand.
export class Registry1795446997030 implements MigrationInterface {
  name = 'Registry1795446997030';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`media_account\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), \`rowVersion\` int NOT NULL DEFAULT '1', \`subjectId\` varchar(36) NOT NULL, \`ownerId\` varchar(36) NOT NULL, \`platform\` varchar(16) NOT NULL, \`platformAccountId\` varchar(128) NOT NULL, \`name\` varchar(128) NOT NULL, \`url\` varchar(512) NULL, \`category\` varchar(32) NOT NULL, \`followers\` int NOT NULL DEFAULT '0', \`qualificationType\` varchar(64) NULL, \`qualificationNumber\` varchar(64) NULL, \`qualificationExpiry\` date NULL, \`status\` varchar(16) NOT NULL DEFAULT 'pending', \`filingNo\` varchar(24) NULL, \`filedAt\` datetime NULL, \`reviewedBy\` varchar(36) NULL, \`reviewedAt\` datetime NULL, \`rejectReason\` varchar(500) NULL, \`grade\` varchar(1) NULL, \`gradeYear\` int NULL, INDEX \`IDX_dc0de7e1469ba0b6178ce1c390\` (\`name\`), UNIQUE INDEX \`IDX_a0b78c4deba0930d0043d2c22a\` (\`filingNo\`), INDEX \`IDX_1badd5e9510b9bf65110ff3a9f\` (\`status\`, \`createdAt\`), INDEX \`IDX_6c1d59edb08add65790bb3e36f\` (\`subjectId\`), INDEX \`IDX_ad7b511094b20faf17b5849b9c\` (\`ownerId\`), UNIQUE INDEX \`IDX_b92cbc844590017c7e68a3999b\` (\`platform\`, \`platformAccountId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`subject\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), \`rowVersion\` int NOT NULL DEFAULT '1', \`ownerId\` varchar(36) NOT NULL, \`kind\` varchar(16) NOT NULL, \`name\` varchar(128) NOT NULL, \`creditCode\` varchar(18) NULL, \`idNumberEnc\` varchar(255) NULL, \`idNumberIndex\` varchar(64) NULL, \`regionCode\` varchar(6) NOT NULL, \`registeredAddress\` varchar(255) NOT NULL, \`operatingAddress\` varchar(255) NOT NULL, \`businessScope\` varchar(1000) NULL, \`contactName\` varchar(64) NOT NULL, \`contactPhoneEnc\` varchar(255) NOT NULL, INDEX \`IDX_b59e12be0d85d88d40093631de\` (\`creditCode\`), INDEX \`IDX_8c5d1147f66de8ce264c7b6617\` (\`idNumberIndex\`), INDEX \`IDX_746dfa4b41988de4d3e01367ee\` (\`ownerId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`DROP INDEX \`IDX_4ab466a7d06ff8d7c903d90248\` ON \`audit_entry\``);
    await queryRunner.query(`ALTER TABLE \`audit_entry\` CHANGE \`actorId\` \`actorId\` varchar(36) NULL`);
    await queryRunner.query(`ALTER TABLE \`audit_entry\` CHANGE \`entityId\` \`entityId\` varchar(64) NULL`);
    await queryRunner.query(`ALTER TABLE \`audit_entry\` CHANGE \`before\` \`before\` text NULL`);
    await queryRunner.query(`ALTER TABLE \`audit_entry\` CHANGE \`after\` \`after\` text NULL`);
    await queryRunner.query(`ALTER TABLE \`audit_entry\` CHANGE \`sourceIp\` \`sourceIp\` varchar(64) NULL`);
    await queryRunner.query(`ALTER TABLE \`app_user\` CHANGE \`phoneEnc\` \`phoneEnc\` varchar(255) NULL`);
    await queryRunner.query(`ALTER TABLE \`app_user\` CHANGE \`organization\` \`organization\` varchar(128) NULL`);
    await queryRunner.query(`ALTER TABLE \`app_user\` CHANGE \`passwordChangedAt\` \`passwordChangedAt\` datetime NULL`);
    await queryRunner.query(`ALTER TABLE \`app_user\` CHANGE \`lastLoginAt\` \`lastLoginAt\` datetime NULL`);
    await queryRunner.query(`ALTER TABLE \`login_attempt\` CHANGE \`lockedUntil\` \`lockedUntil\` datetime NULL`);
    await queryRunner.query(`CREATE INDEX \`IDX_4ab466a7d06ff8d7c903d90248\` ON \`audit_entry\` (\`entityType\`, \`entityId\`)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_4ab466a7d06ff8d7c903d90248\` ON \`audit_entry\``);
    await queryRunner.query(`ALTER TABLE \`login_attempt\` CHANGE \`lockedUntil\` \`lockedUntil\` datetime NULL DEFAULT 'NULL'`);
    await queryRunner.query(`ALTER TABLE \`app_user\` CHANGE \`lastLoginAt\` \`lastLoginAt\` datetime NULL DEFAULT 'NULL'`);
    await queryRunner.query(`ALTER TABLE \`app_user\` CHANGE \`passwordChangedAt\` \`passwordChangedAt\` datetime NULL DEFAULT 'NULL'`);
    await queryRunner.query(`ALTER TABLE \`app_user\` CHANGE \`organization\` \`organization\` varchar(128) NULL DEFAULT 'NULL'`);
    await queryRunner.query(`ALTER TABLE \`app_user\` CHANGE \`phoneEnc\` \`phoneEnc\` varchar(255) NULL DEFAULT 'NULL'`);
    await queryRunner.query(`ALTER TABLE \`audit_entry\` CHANGE \`sourceIp\` \`sourceIp\` varchar(64) NULL DEFAULT 'NULL'`);
    await queryRunner.query(`ALTER TABLE \`audit_entry\` CHANGE \`after\` \`after\` text NULL DEFAULT 'NULL'`);
    await queryRunner.query(`ALTER TABLE \`audit_entry\` CHANGE \`before\` \`before\` text NULL DEFAULT 'NULL'`);
    await queryRunner.query(`ALTER TABLE \`audit_entry\` CHANGE \`entityId\` \`entityId\` varchar(64) NULL DEFAULT 'NULL'`);
    await queryRunner.query(`ALTER TABLE \`audit_entry\` CHANGE \`actorId\` \`actorId\` varchar(36) NULL DEFAULT 'NULL'`);
    await queryRunner.query(`CREATE INDEX \`IDX_4ab466a7d06ff8d7c903d90248\` ON \`audit_entry\` (\`entityType\`, \`entityId\`)`);
    await queryRunner.query(`DROP INDEX \`IDX_746dfa4b41988de4d3e01367ee\` ON \`subject\``);
    await queryRunner.query(`DROP INDEX \`IDX_8c5d1147f66de8ce264c7b6617\` ON \`subject\``);
    await queryRunner.query(`DROP INDEX \`IDX_b59e12be0d85d88d40093631de\` ON \`subject\``);
    await queryRunner.query(`DROP TABLE \`subject\``);
    await queryRunner.query(`DROP INDEX \`IDX_b92cbc844590017c7e68a3999b\` ON \`media_account\``);
    await queryRunner.query(`DROP INDEX \`IDX_ad7b511094b20faf17b5849b9c\` ON \`media_account\``);
    await queryRunner.query(`DROP INDEX \`IDX_6c1d59edb08add65790bb3e36f\` ON \`media_account\``);
    await queryRunner.query(`DROP INDEX \`IDX_1badd5e9510b9bf65110ff3a9f\` ON \`media_account\``);
    await queryRunner.query(`DROP INDEX \`IDX_a0b78c4deba0930d0043d2c22a\` ON \`media_account\``);
    await queryRunner.query(`DROP INDEX \`IDX_dc0de7e1469ba0b6178ce1c390\` ON \`media_account\``);
    await queryRunner.query(`DROP TABLE \`media_account\``);
  }
}
