import type { MigrationInterface, QueryRunner } from 'typeorm';

// Generated from the entities by `npm run migration:generate`; do not edit by hand.
export class ReportsViolations1795447364646 implements MigrationInterface {
  name = 'ReportsViolations1795447364646';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_b59e12be0d85d88d40093631de\` ON \`subject\``);
    await queryRunner.query(`DROP INDEX \`IDX_8c5d1147f66de8ce264c7b6617\` ON \`subject\``);
    await queryRunner.query(`CREATE TABLE \`public_report\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), \`rowVersion\` int NOT NULL DEFAULT '1', \`trackingCode\` varchar(24) NOT NULL, \`accountId\` varchar(36) NULL, \`filingNo\` varchar(24) NULL, \`platform\` varchar(16) NULL, \`platformAccountId\` varchar(128) NULL, \`accountName\` varchar(128) NULL, \`category\` varchar(4) NOT NULL, \`description\` text NOT NULL, \`evidenceUrls\` text NOT NULL, \`contactEnc\` varchar(512) NULL, \`fingerprint\` varchar(64) NOT NULL, \`dedupeBucket\` int NOT NULL, \`status\` varchar(16) NOT NULL DEFAULT 'received', \`dueDate\` date NOT NULL, \`handlerId\` varchar(36) NULL, \`note\` text NULL, \`department\` varchar(128) NULL, \`concludedAt\` datetime NULL, \`violationId\` varchar(36) NULL, UNIQUE INDEX \`IDX_a6cfbe45e45beab5d547e2f554\` (\`trackingCode\`), UNIQUE INDEX \`IDX_9a036f76895a578054b64076cd\` (\`fingerprint\`, \`dedupeBucket\`), INDEX \`IDX_831c4aa799b72c2ca173ee5d21\` (\`createdAt\`), INDEX \`IDX_98e3f64d04d8d41e2c92f35998\` (\`category\`, \`createdAt\`), INDEX \`IDX_88ad58f2e9b49cd5c0a2eb5f70\` (\`accountId\`), INDEX \`IDX_6bdcd08e8ec2fe9eb3d76ee51d\` (\`status\`, \`dueDate\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`violation\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), \`accountId\` varchar(36) NOT NULL, \`category\` varchar(8) NOT NULL, \`source\` varchar(24) NOT NULL, \`facts\` text NOT NULL, \`occurredAt\` date NOT NULL, \`reportId\` varchar(36) NULL, \`recordedBy\` varchar(36) NOT NULL, \`correctionRequired\` tinyint NOT NULL DEFAULT 0, \`citation\` varchar(64) NOT NULL, \`policyVersion\` varchar(32) NOT NULL, INDEX \`IDX_1b95e3b479978e7d436cb2f317\` (\`occurredAt\`), INDEX \`IDX_cd012ff7ba1714c365a610b908\` (\`accountId\`, \`occurredAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`staff_filing\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), \`rowVersion\` int NOT NULL DEFAULT '1', \`accountId\` varchar(36) NOT NULL, \`version\` int NOT NULL, \`status\` varchar(16) NOT NULL DEFAULT 'submitted', \`snapshot\` json NOT NULL, \`submittedBy\` varchar(36) NOT NULL, \`reviewedBy\` varchar(36) NULL, \`reviewedAt\` datetime NULL, \`reason\` varchar(500) NULL, \`policyVersion\` varchar(32) NOT NULL, INDEX \`IDX_1561e898e24ed71a97ba3e194c\` (\`status\`, \`createdAt\`), UNIQUE INDEX \`IDX_1517deba36c2b410562fc351d6\` (\`accountId\`, \`version\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`staff_member\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), \`rowVersion\` int NOT NULL DEFAULT '1', \`accountId\` varchar(36) NOT NULL, \`ownerId\` varchar(36) NOT NULL, \`name\` varchar(64) NOT NULL, \`idNumberEnc\` varchar(255) NOT NULL, \`idNumberIndex\` varchar(64) NOT NULL, \`phoneEnc\` varchar(255) NOT NULL, \`role\` varchar(16) NOT NULL, \`fullTime\` tinyint NOT NULL DEFAULT 1, \`startDate\` date NOT NULL, \`endDate\` date NULL, INDEX \`IDX_bffb4c72631c87a364a806e3b3\` (\`idNumberIndex\`), INDEX \`IDX_8583c27f2ab1b069c500f2e8b8\` (\`ownerId\`), INDEX \`IDX_1e9b71744485a16e1bb50551ca\` (\`accountId\`, \`endDate\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`staff_record\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), \`staffId\` varchar(36) NOT NULL, \`kind\` varchar(16) NOT NULL, \`date\` date NOT NULL, \`description\` varchar(1000) NOT NULL, INDEX \`IDX_f06da197b01241328b54b2749b\` (\`staffId\`, \`date\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`staff_training\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), \`staffId\` varchar(36) NOT NULL, \`date\` date NOT NULL, \`organizer\` varchar(16) NOT NULL, \`topic\` varchar(200) NOT NULL, \`halfHours\` int NOT NULL, INDEX \`IDX_621064259f97fc03c0b0a0a58d\` (\`staffId\`, \`date\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`DROP INDEX \`IDX_4ab466a7d06ff8d7c903d90248\` ON \`audit_entry\``);
    await queryRunner.query(`ALTER TABLE \`audit_entry\` CHANGE \`actorId\` \`actorId\` varchar(36) NULL`);
    await queryRunner.query(`ALTER TABLE \`audit_entry\` CHANGE \`entityId\` \`entityId\` varchar(64) NULL`);
    await queryRunner.query(`ALTER TABLE \`audit_entry\` CHANGE \`before\` \`before\` text NULL`);
    await queryRunner.query(`ALTER TABLE \`audit_entry\` CHANGE \`after\` \`after\` text NULL`);
    await queryRunner.query(`ALTER TABLE \`audit_entry\` CHANGE \`sourceIp\` \`sourceIp\` varchar(64) NULL`);
    await queryRunner.query(`ALTER TABLE \`media_account\` CHANGE \`url\` \`url\` varchar(512) NULL`);
    await queryRunner.query(`ALTER TABLE \`media_account\` CHANGE \`qualificationType\` \`qualificationType\` varchar(64) NULL`);
    await queryRunner.query(`ALTER TABLE \`media_account\` CHANGE \`qualificationNumber\` \`qualificationNumber\` varchar(64) NULL`);
    await queryRunner.query(`ALTER TABLE \`media_account\` CHANGE \`qualificationExpiry\` \`qualificationExpiry\` date NULL`);
    await queryRunner.query(`ALTER TABLE \`media_account\` CHANGE \`filingNo\` \`filingNo\` varchar(24) NULL`);
    await queryRunner.query(`ALTER TABLE \`media_account\` CHANGE \`filedAt\` \`filedAt\` datetime NULL`);
    await queryRunner.query(`ALTER TABLE \`media_account\` CHANGE \`reviewedBy\` \`reviewedBy\` varchar(36) NULL`);
    await queryRunner.query(`ALTER TABLE \`media_account\` CHANGE \`reviewedAt\` \`reviewedAt\` datetime NULL`);
    await queryRunner.query(`ALTER TABLE \`media_account\` CHANGE \`rejectReason\` \`rejectReason\` varchar(500) NULL`);
    await queryRunner.query(`ALTER TABLE \`media_account\` CHANGE \`grade\` \`grade\` varchar(1) NULL`);
    await queryRunner.query(`ALTER TABLE \`media_account\` CHANGE \`gradeYear\` \`gradeYear\` int NULL`);
    await queryRunner.query(`ALTER TABLE \`subject\` CHANGE \`creditCode\` \`creditCode\` varchar(18) NULL`);
    await queryRunner.query(`ALTER TABLE \`subject\` ADD UNIQUE INDEX \`IDX_b59e12be0d85d88d40093631de\` (\`creditCode\`)`);
    await queryRunner.query(`ALTER TABLE \`subject\` CHANGE \`idNumberEnc\` \`idNumberEnc\` varchar(255) NULL`);
    await queryRunner.query(`ALTER TABLE \`subject\` CHANGE \`idNumberIndex\` \`idNumberIndex\` varchar(64) NULL`);
    await queryRunner.query(`ALTER TABLE \`subject\` ADD UNIQUE INDEX \`IDX_8c5d1147f66de8ce264c7b6617\` (\`idNumberIndex\`)`);
    await queryRunner.query(`ALTER TABLE \`subject\` CHANGE \`businessScope\` \`businessScope\` varchar(1000) NULL`);
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
    await queryRunner.query(`ALTER TABLE \`subject\` CHANGE \`businessScope\` \`businessScope\` varchar(1000) NULL DEFAULT 'NULL'`);
    await queryRunner.query(`ALTER TABLE \`subject\` DROP INDEX \`IDX_8c5d1147f66de8ce264c7b6617\``);
    await queryRunner.query(`ALTER TABLE \`subject\` CHANGE \`idNumberIndex\` \`idNumberIndex\` varchar(64) NULL DEFAULT 'NULL'`);
    await queryRunner.query(`ALTER TABLE \`subject\` CHANGE \`idNumberEnc\` \`idNumberEnc\` varchar(255) NULL DEFAULT 'NULL'`);
    await queryRunner.query(`ALTER TABLE \`subject\` DROP INDEX \`IDX_b59e12be0d85d88d40093631de\``);
    await queryRunner.query(`ALTER TABLE \`subject\` CHANGE \`creditCode\` \`creditCode\` varchar(18) NULL DEFAULT 'NULL'`);
    await queryRunner.query(`ALTER TABLE \`media_account\` CHANGE \`gradeYear\` \`gradeYear\` int NULL DEFAULT 'NULL'`);
    await queryRunner.query(`ALTER TABLE \`media_account\` CHANGE \`grade\` \`grade\` varchar(1) NULL DEFAULT 'NULL'`);
    await queryRunner.query(`ALTER TABLE \`media_account\` CHANGE \`rejectReason\` \`rejectReason\` varchar(500) NULL DEFAULT 'NULL'`);
    await queryRunner.query(`ALTER TABLE \`media_account\` CHANGE \`reviewedAt\` \`reviewedAt\` datetime NULL DEFAULT 'NULL'`);
    await queryRunner.query(`ALTER TABLE \`media_account\` CHANGE \`reviewedBy\` \`reviewedBy\` varchar(36) NULL DEFAULT 'NULL'`);
    await queryRunner.query(`ALTER TABLE \`media_account\` CHANGE \`filedAt\` \`filedAt\` datetime NULL DEFAULT 'NULL'`);
    await queryRunner.query(`ALTER TABLE \`media_account\` CHANGE \`filingNo\` \`filingNo\` varchar(24) NULL DEFAULT 'NULL'`);
    await queryRunner.query(`ALTER TABLE \`media_account\` CHANGE \`qualificationExpiry\` \`qualificationExpiry\` date NULL DEFAULT 'NULL'`);
    await queryRunner.query(`ALTER TABLE \`media_account\` CHANGE \`qualificationNumber\` \`qualificationNumber\` varchar(64) NULL DEFAULT 'NULL'`);
    await queryRunner.query(`ALTER TABLE \`media_account\` CHANGE \`qualificationType\` \`qualificationType\` varchar(64) NULL DEFAULT 'NULL'`);
    await queryRunner.query(`ALTER TABLE \`media_account\` CHANGE \`url\` \`url\` varchar(512) NULL DEFAULT 'NULL'`);
    await queryRunner.query(`ALTER TABLE \`audit_entry\` CHANGE \`sourceIp\` \`sourceIp\` varchar(64) NULL DEFAULT 'NULL'`);
    await queryRunner.query(`ALTER TABLE \`audit_entry\` CHANGE \`after\` \`after\` text NULL DEFAULT 'NULL'`);
    await queryRunner.query(`ALTER TABLE \`audit_entry\` CHANGE \`before\` \`before\` text NULL DEFAULT 'NULL'`);
    await queryRunner.query(`ALTER TABLE \`audit_entry\` CHANGE \`entityId\` \`entityId\` varchar(64) NULL DEFAULT 'NULL'`);
    await queryRunner.query(`ALTER TABLE \`audit_entry\` CHANGE \`actorId\` \`actorId\` varchar(36) NULL DEFAULT 'NULL'`);
    await queryRunner.query(`CREATE INDEX \`IDX_4ab466a7d06ff8d7c903d90248\` ON \`audit_entry\` (\`entityType\`, \`entityId\`)`);
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
    await queryRunner.query(`CREATE INDEX \`IDX_8c5d1147f66de8ce264c7b6617\` ON \`subject\` (\`idNumberIndex\`)`);
    await queryRunner.query(`CREATE INDEX \`IDX_b59e12be0d85d88d40093631de\` ON \`subject\` (\`creditCode\`)`);
  }
}
