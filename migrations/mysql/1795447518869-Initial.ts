import type { MigrationInterface, QueryRunner } from 'typeorm';

// Generated from the entities by `npm run migration:generate`; do not edit by hand.
export class Initial1795447518869 implements MigrationInterface {
  name = 'Initial1795447518869';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`audit_entry\` (\`seq\` int NOT NULL, \`at\` datetime NOT NULL, \`actorId\` varchar(36) NULL, \`actorName\` varchar(64) NOT NULL, \`role\` varchar(16) NOT NULL, \`action\` varchar(64) NOT NULL, \`entityType\` varchar(48) NOT NULL, \`entityId\` varchar(64) NULL, \`before\` text NULL, \`after\` text NULL, \`sourceIp\` varchar(64) NULL, \`prevHash\` varchar(64) NOT NULL, \`hash\` varchar(64) NOT NULL, INDEX \`IDX_9d18bd4a32fc0cd8ff82b12037\` (\`at\`), INDEX \`IDX_16e974357664a336146e08efb4\` (\`actorId\`), INDEX \`IDX_4ab466a7d06ff8d7c903d90248\` (\`entityType\`, \`entityId\`), PRIMARY KEY (\`seq\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`audit_head\` (\`id\` int NOT NULL, \`seq\` int NOT NULL, \`hash\` varchar(64) NOT NULL, PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`media_account\` (\`id\` uuid NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), \`rowVersion\` int NOT NULL DEFAULT '1', \`subjectId\` varchar(36) NOT NULL, \`ownerId\` varchar(36) NOT NULL, \`platform\` varchar(16) NOT NULL, \`platformAccountId\` varchar(128) NOT NULL, \`name\` varchar(128) NOT NULL, \`url\` varchar(512) NULL, \`category\` varchar(32) NOT NULL, \`followers\` int NOT NULL DEFAULT '0', \`qualificationType\` varchar(64) NULL, \`qualificationNumber\` varchar(64) NULL, \`qualificationExpiry\` date NULL, \`status\` varchar(16) NOT NULL DEFAULT 'pending', \`filingNo\` varchar(24) NULL, \`filedAt\` datetime NULL, \`reviewedBy\` varchar(36) NULL, \`reviewedAt\` datetime NULL, \`rejectReason\` varchar(500) NULL, \`grade\` varchar(1) NULL, \`gradeYear\` int NULL, INDEX \`IDX_dc0de7e1469ba0b6178ce1c390\` (\`name\`), UNIQUE INDEX \`IDX_a0b78c4deba0930d0043d2c22a\` (\`filingNo\`), INDEX \`IDX_1badd5e9510b9bf65110ff3a9f\` (\`status\`, \`createdAt\`), INDEX \`IDX_6c1d59edb08add65790bb3e36f\` (\`subjectId\`), INDEX \`IDX_ad7b511094b20faf17b5849b9c\` (\`ownerId\`), UNIQUE INDEX \`IDX_b92cbc844590017c7e68a3999b\` (\`platform\`, \`platformAccountId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`subject\` (\`id\` uuid NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), \`rowVersion\` int NOT NULL DEFAULT '1', \`ownerId\` varchar(36) NOT NULL, \`kind\` varchar(16) NOT NULL, \`name\` varchar(128) NOT NULL, \`creditCode\` varchar(18) NULL, \`idNumberEnc\` varchar(255) NULL, \`idNumberIndex\` varchar(64) NULL, \`regionCode\` varchar(6) NOT NULL, \`registeredAddress\` varchar(255) NOT NULL, \`operatingAddress\` varchar(255) NOT NULL, \`businessScope\` varchar(1000) NULL, \`contactName\` varchar(64) NOT NULL, \`contactPhoneEnc\` varchar(255) NOT NULL, UNIQUE INDEX \`IDX_b59e12be0d85d88d40093631de\` (\`creditCode\`), UNIQUE INDEX \`IDX_8c5d1147f66de8ce264c7b6617\` (\`idNumberIndex\`), INDEX \`IDX_746dfa4b41988de4d3e01367ee\` (\`ownerId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`public_report\` (\`id\` uuid NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), \`rowVersion\` int NOT NULL DEFAULT '1', \`trackingCode\` varchar(24) NOT NULL, \`accountId\` varchar(36) NULL, \`filingNo\` varchar(24) NULL, \`platform\` varchar(16) NULL, \`platformAccountId\` varchar(128) NULL, \`accountName\` varchar(128) NULL, \`category\` varchar(4) NOT NULL, \`description\` text NOT NULL, \`evidenceUrls\` text NOT NULL, \`contactEnc\` varchar(512) NULL, \`fingerprint\` varchar(64) NOT NULL, \`dedupeBucket\` int NOT NULL, \`status\` varchar(16) NOT NULL DEFAULT 'received', \`dueDate\` date NOT NULL, \`handlerId\` varchar(36) NULL, \`note\` text NULL, \`department\` varchar(128) NULL, \`concludedAt\` datetime NULL, \`violationId\` varchar(36) NULL, UNIQUE INDEX \`IDX_a6cfbe45e45beab5d547e2f554\` (\`trackingCode\`), UNIQUE INDEX \`IDX_9a036f76895a578054b64076cd\` (\`fingerprint\`, \`dedupeBucket\`), INDEX \`IDX_831c4aa799b72c2ca173ee5d21\` (\`createdAt\`), INDEX \`IDX_98e3f64d04d8d41e2c92f35998\` (\`category\`, \`createdAt\`), INDEX \`IDX_88ad58f2e9b49cd5c0a2eb5f70\` (\`accountId\`), INDEX \`IDX_6bdcd08e8ec2fe9eb3d76ee51d\` (\`status\`, \`dueDate\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`violation\` (\`id\` uuid NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), \`accountId\` varchar(36) NOT NULL, \`category\` varchar(8) NOT NULL, \`source\` varchar(24) NOT NULL, \`facts\` text NOT NULL, \`occurredAt\` date NOT NULL, \`reportId\` varchar(36) NULL, \`recordedBy\` varchar(36) NOT NULL, \`correctionRequired\` tinyint NOT NULL DEFAULT 0, \`citation\` varchar(64) NOT NULL, \`policyVersion\` varchar(32) NOT NULL, INDEX \`IDX_1b95e3b479978e7d436cb2f317\` (\`occurredAt\`), INDEX \`IDX_cd012ff7ba1714c365a610b908\` (\`accountId\`, \`occurredAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`staff_filing\` (\`id\` uuid NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), \`rowVersion\` int NOT NULL DEFAULT '1', \`accountId\` varchar(36) NOT NULL, \`version\` int NOT NULL, \`status\` varchar(16) NOT NULL DEFAULT 'submitted', \`snapshot\` json NOT NULL, \`submittedBy\` varchar(36) NOT NULL, \`reviewedBy\` varchar(36) NULL, \`reviewedAt\` datetime NULL, \`reason\` varchar(500) NULL, \`policyVersion\` varchar(32) NOT NULL, INDEX \`IDX_1561e898e24ed71a97ba3e194c\` (\`status\`, \`createdAt\`), UNIQUE INDEX \`IDX_1517deba36c2b410562fc351d6\` (\`accountId\`, \`version\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`staff_member\` (\`id\` uuid NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), \`rowVersion\` int NOT NULL DEFAULT '1', \`accountId\` varchar(36) NOT NULL, \`ownerId\` varchar(36) NOT NULL, \`name\` varchar(64) NOT NULL, \`idNumberEnc\` varchar(255) NOT NULL, \`idNumberIndex\` varchar(64) NOT NULL, \`phoneEnc\` varchar(255) NOT NULL, \`role\` varchar(16) NOT NULL, \`fullTime\` tinyint NOT NULL DEFAULT 1, \`startDate\` date NOT NULL, \`endDate\` date NULL, INDEX \`IDX_bffb4c72631c87a364a806e3b3\` (\`idNumberIndex\`), INDEX \`IDX_8583c27f2ab1b069c500f2e8b8\` (\`ownerId\`), INDEX \`IDX_1e9b71744485a16e1bb50551ca\` (\`accountId\`, \`endDate\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`staff_record\` (\`id\` uuid NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), \`staffId\` varchar(36) NOT NULL, \`kind\` varchar(16) NOT NULL, \`date\` date NOT NULL, \`description\` varchar(1000) NOT NULL, INDEX \`IDX_f06da197b01241328b54b2749b\` (\`staffId\`, \`date\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`staff_training\` (\`id\` uuid NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), \`staffId\` varchar(36) NOT NULL, \`date\` date NOT NULL, \`organizer\` varchar(16) NOT NULL, \`topic\` varchar(200) NOT NULL, \`halfHours\` int NOT NULL, INDEX \`IDX_621064259f97fc03c0b0a0a58d\` (\`staffId\`, \`date\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`app_user\` (\`id\` uuid NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), \`rowVersion\` int NOT NULL DEFAULT '1', \`username\` varchar(64) NOT NULL, \`passwordHash\` varchar(255) NOT NULL, \`role\` varchar(16) NOT NULL, \`displayName\` varchar(64) NOT NULL, \`phoneEnc\` varchar(255) NULL, \`organization\` varchar(128) NULL, \`status\` varchar(16) NOT NULL DEFAULT 'active', \`tokenVersion\` int NOT NULL DEFAULT '0', \`passwordChangedAt\` datetime NULL, \`lastLoginAt\` datetime NULL, UNIQUE INDEX \`IDX_c480e576dd71729addbc2d51b6\` (\`username\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`login_attempt\` (\`username\` varchar(64) NOT NULL, \`failures\` int NOT NULL DEFAULT '0', \`lockedUntil\` datetime NULL, \`lastAttemptAt\` datetime NOT NULL, PRIMARY KEY (\`username\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`job_lock\` (\`name\` varchar(64) NOT NULL, \`holder\` varchar(64) NOT NULL, \`lockedUntil\` datetime NOT NULL, \`lastRunAt\` datetime NULL, PRIMARY KEY (\`name\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`sequence_counter\` (\`name\` varchar(64) NOT NULL, \`value\` int NOT NULL DEFAULT '0', PRIMARY KEY (\`name\`)) ENGINE=InnoDB`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE \`sequence_counter\``);
    await queryRunner.query(`DROP TABLE \`job_lock\``);
    await queryRunner.query(`DROP TABLE \`login_attempt\``);
    await queryRunner.query(`DROP INDEX \`IDX_c480e576dd71729addbc2d51b6\` ON \`app_user\``);
    await queryRunner.query(`DROP TABLE \`app_user\``);
    await queryRunner.query(`DROP INDEX \`IDX_621064259f97fc03c0b0a0a58d\` ON \`staff_training\``);
    await queryRunner.query(`DROP TABLE \`staff_training\``);
    await queryRunner.query(`DROP INDEX \`IDX_f06da197b01241328b54b2749b\` ON \`staff_record\``);
    await queryRunner.query(`DROP TABLE \`staff_record\``);
    await queryRunner.query(`DROP INDEX \`IDX_1e9b71744485a16e1bb50551ca\` ON \`staff_member\``);
    await queryRunner.query(`DROP INDEX \`IDX_8583c27f2ab1b069c500f2e8b8\` ON \`staff_member\``);
    await queryRunner.query(`DROP INDEX \`IDX_bffb4c72631c87a364a806e3b3\` ON \`staff_member\``);
    await queryRunner.query(`DROP TABLE \`staff_member\``);
    await queryRunner.query(`DROP INDEX \`IDX_1517deba36c2b410562fc351d6\` ON \`staff_filing\``);
    await queryRunner.query(`DROP INDEX \`IDX_1561e898e24ed71a97ba3e194c\` ON \`staff_filing\``);
    await queryRunner.query(`DROP TABLE \`staff_filing\``);
    await queryRunner.query(`DROP INDEX \`IDX_cd012ff7ba1714c365a610b908\` ON \`violation\``);
    await queryRunner.query(`DROP INDEX \`IDX_1b95e3b479978e7d436cb2f317\` ON \`violation\``);
    await queryRunner.query(`DROP TABLE \`violation\``);
    await queryRunner.query(`DROP INDEX \`IDX_6bdcd08e8ec2fe9eb3d76ee51d\` ON \`public_report\``);
    await queryRunner.query(`DROP INDEX \`IDX_88ad58f2e9b49cd5c0a2eb5f70\` ON \`public_report\``);
    await queryRunner.query(`DROP INDEX \`IDX_98e3f64d04d8d41e2c92f35998\` ON \`public_report\``);
    await queryRunner.query(`DROP INDEX \`IDX_831c4aa799b72c2ca173ee5d21\` ON \`public_report\``);
    await queryRunner.query(`DROP INDEX \`IDX_9a036f76895a578054b64076cd\` ON \`public_report\``);
    await queryRunner.query(`DROP INDEX \`IDX_a6cfbe45e45beab5d547e2f554\` ON \`public_report\``);
    await queryRunner.query(`DROP TABLE \`public_report\``);
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
    await queryRunner.query(`DROP TABLE \`audit_head\``);
    await queryRunner.query(`DROP INDEX \`IDX_4ab466a7d06ff8d7c903d90248\` ON \`audit_entry\``);
    await queryRunner.query(`DROP INDEX \`IDX_16e974357664a336146e08efb4\` ON \`audit_entry\``);
    await queryRunner.query(`DROP INDEX \`IDX_9d18bd4a32fc0cd8ff82b12037\` ON \`audit_entry\``);
    await queryRunner.query(`DROP TABLE \`audit_entry\``);
  }
}
